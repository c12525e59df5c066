package io.leakhound.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a large unified-logging GC log by repeating the body of a real one (recorded with
 * {@code -Xlog:gc*:file=...:uptime,level,tags}) with uptimes and GC ids shifted, so every line stays a
 * line the JVM really writes and every tool under comparison parses the same events.
 *
 * <p>Usage: {@code BigGcLog SEED.log SIZE_MIB OUT.log}
 */
public final class BigGcLog {

    private static final Pattern UPTIME = Pattern.compile("^\\[(\\d+\\.\\d+)s\\]");
    private static final Pattern GC_ID = Pattern.compile("GC\\((\\d+)\\)");

    private BigGcLog() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BigGcLog SEED.log SIZE_MIB OUT.log");
            System.exit(2);
        }
        Path seed = Path.of(args[0]);
        long targetBytes = Long.parseLong(args[1]) * 1024 * 1024;
        Path out = Path.of(args[2]);

        List<String> header = new ArrayList<>();
        List<String> body = new ArrayList<>();
        double lastUptime = 0;
        long maxId = 0;
        for (String line : Files.readAllLines(seed, StandardCharsets.US_ASCII)) {
            Matcher id = GC_ID.matcher(line);
            boolean hasId = id.find();
            if (hasId) {
                maxId = Math.max(maxId, Long.parseLong(id.group(1)));
            }
            if (!hasId && body.isEmpty()) {
                header.add(line);
                continue;
            }
            Matcher up = UPTIME.matcher(line);
            if (up.find()) {
                lastUptime = Math.max(lastUptime, Double.parseDouble(up.group(1)));
            }
            body.add(line);
        }
        if (body.isEmpty()) {
            throw new IOException(seed + ": no GC(n) lines to repeat");
        }
        double span = lastUptime + 1.0;
        long written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
            for (String line : header) {
                w.write(line);
                w.newLine();
                written += line.length() + 1;
            }
            for (int round = 0; written < targetBytes; round++) {
                double shift = round * span;
                long idShift = round * (maxId + 1);
                for (String line : body) {
                    String shifted = shift(line, shift, idShift);
                    w.write(shifted);
                    w.newLine();
                    written += shifted.length() + 1;
                }
            }
        }
        System.out.printf(Locale.ROOT, "wrote %s: %.1f MiB%n", out, written / 1048576.0);
    }

    private static String shift(String line, double shift, long idShift) {
        StringBuilder sb = new StringBuilder(line.length() + 8);
        Matcher up = UPTIME.matcher(line);
        int from = 0;
        if (up.find()) {
            sb.append(String.format(Locale.ROOT, "[%.3fs]", Double.parseDouble(up.group(1)) + shift));
            from = up.end();
        }
        Matcher id = GC_ID.matcher(line);
        if (id.find(from)) {
            sb.append(line, from, id.start()).append("GC(").append(Long.parseLong(id.group(1)) + idShift).append(')');
            from = id.end();
        }
        return sb.append(line, from, line.length()).toString();
    }
}
