package io.leakhound.report;

/** Escaping of text taken from input files (sources, causes, warnings) before it goes into HTML or SVG. */
final class Html {

    private Html() {
    }

    /** Text safe in element content and in quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> {
                    // control characters (binary garbage in a file name or a log line) are not valid in HTML
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        s.append('\uFFFD');
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.toString();
    }
}
