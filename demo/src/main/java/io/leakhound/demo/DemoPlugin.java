package io.leakhound.demo;

/**
 * The "plugin" that {@code CLASSLOADER_LEAK} reloads: its bytes are defined again in every new
 * {@link PluginLoader}, so each reload costs a class in metaspace. It has a few methods and constants so
 * that each copy has a realistic footprint.
 */
public final class DemoPlugin implements Runnable {
    private static final String[] GREETINGS = {"hello", "bonjour", "hallo", "ciao", "hola", "ola"};
    private final StringBuilder log = new StringBuilder();
    private int runs;

    @Override
    public void run() {
        runs++;
        log.setLength(0);
        log.append(GREETINGS[runs % GREETINGS.length]).append(' ').append(runs);
    }

    int checksum(byte[] data) {
        int sum = 17;
        for (byte b : data) {
            sum = 31 * sum + b;
        }
        return sum ^ runs;
    }

    String describe() {
        return "DemoPlugin{runs=" + runs + ", last=" + log + '}';
    }
}
