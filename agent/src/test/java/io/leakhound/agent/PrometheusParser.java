package io.leakhound.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A scrape read by real Prometheus parsers, not by this test: the official Python client's parsers
 * ({@code prometheus_client.parser} for the text format, the strict {@code prometheus_client.openmetrics.parser}
 * for OpenMetrics; Debian {@code python3-prometheus-client}) turn it into samples, and {@code promtool check
 * metrics} (Debian {@code prometheus}) lints it with Prometheus's own Go parser. Both are looked for at their
 * Debian places; a test needing them is skipped, saying so, where they are not installed.
 */
final class PrometheusParser {

    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    /** One parsed sample: its family's type, its name, labels, value. */
    record Sample(String type, String name, Map<String, String> labels, double value) {
    }

    private static final String SCRIPT = String.join("\n",
            "import sys",
            "if sys.argv[1] == 'openmetrics':",
            "    from prometheus_client.openmetrics.parser import text_string_to_metric_families",
            "else:",
            "    from prometheus_client.parser import text_string_to_metric_families",
            "text = sys.stdin.read()",
            "for family in text_string_to_metric_families(text):",
            "    for s in family.samples:",
            "        labels = '\\x1f'.join(k + '=' + v for k, v in sorted(s.labels.items()))",
            "        print(family.type + '\\x1e' + s.name + '\\x1e' + labels + '\\x1e' + repr(float(s.value)))",
            "");

    private PrometheusParser() {
    }

    static boolean pythonParserInstalled() {
        try {
            return Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c", "import prometheus_client"), "")
                    .exit == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static boolean promtoolInstalled() {
        return Files.isExecutable(PROMTOOL);
    }

    /** The samples of {@code text} in the text format ({@code "text"}) or OpenMetrics ({@code "openmetrics"}). */
    static List<Sample> parse(String text, String format) throws IOException, InterruptedException {
        Path script = Files.createTempFile("leakhound-parse", ".py");
        try {
            Files.writeString(script, SCRIPT);
            Result r = run(List.of(PYTHON.toString(), script.toString(), format), text);
            if (r.exit != 0) {
                throw new AssertionError("the Prometheus " + format + " parser refused the scrape: " + r.output);
            }
            List<Sample> samples = new ArrayList<>();
            for (String line : r.output.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\u001e", -1);
                Map<String, String> labels = new TreeMap<>();
                if (!f[2].isEmpty()) {
                    for (String kv : f[2].split("\u001f")) {
                        int eq = kv.indexOf('=');
                        labels.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
                samples.add(new Sample(f[0], f[1], labels, Double.parseDouble(f[3])));
            }
            return samples;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** What {@code promtool check metrics} says of {@code text}: empty when it is clean. */
    static String promtoolProblems(String text) throws IOException, InterruptedException {
        Result r = run(List.of(PROMTOOL.toString(), "check", "metrics"), text);
        return r.exit == 0 ? "" : "exit " + r.exit + ": " + r.output;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command + " did not end within 30 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
