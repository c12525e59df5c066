package io.leakhound.series.gclog;

/** Interns short regions of a line so that repeated names and causes cost no allocation. */
final class InternedText {

    private final String[] table = new String[512];

    String get(AsciiLine s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.at(i);
        }
        int slot = (h ^ (h >>> 16)) & (table.length - 1);
        String cached = table[slot];
        if (cached != null && cached.length() == to - from && regionEquals(cached, s, from)) {
            return cached;
        }
        String made = s.subSequence(from, to).toString();
        table[slot] = made;
        return made;
    }

    private static boolean regionEquals(String a, AsciiLine s, int from) {
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != s.at(from + i)) {
                return false;
            }
        }
        return true;
    }
}
