package io.leakhound.series.gclog;

import static io.leakhound.series.gclog.LineText.NONE;
import static io.leakhound.series.gclog.LineText.isDigit;
import static io.leakhound.series.gclog.LineText.parseLong;

/** ISO-8601 date-times as JDK GC logs print them, read without allocating (one per line is read). */
final class IsoTime {

    private IsoTime() {
    }

    /** Whether [from, to) starts like {@code 2024-01-01T10:00}. */
    static boolean isIsoTime(AsciiLine s, int from, int to) {
        return to - from >= 19 && s.at(from + 4) == '-' && s.at(from + 7) == '-'
                && s.at(from + 10) == 'T' && s.at(from + 13) == ':';
    }

    /** {@code 2024-01-01T10:00:00.123+0000} (also {@code +01:00}, {@code Z}, or no zone = UTC) as epoch ms. */
    static long parseMillis(AsciiLine s, int from, int to) {
        long year = parseLong(s, from, from + 4);
        long month = parseLong(s, from + 5, from + 7);
        long day = parseLong(s, from + 8, from + 10);
        long hour = parseLong(s, from + 11, from + 13);
        long minute = parseLong(s, from + 14, from + 16);
        long second = parseLong(s, from + 17, from + 19);
        if (year == NONE || month == NONE || day == NONE || hour == NONE || minute == NONE || second == NONE
                || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            return NONE;
        }
        int p = from + 19;
        long millis = 0;
        if (p < to && (s.at(p) == '.' || s.at(p) == ',')) {
            int q = p + 1;
            long unit = 100;
            while (q < to && isDigit(s.at(q))) {
                millis += (s.at(q) - '0') * unit;
                unit /= 10;
                q++;
            }
            p = q;
        }
        long offsetMinutes = 0;
        if (p < to && (s.at(p) == '+' || s.at(p) == '-')) {
            int sign = s.at(p) == '+' ? 1 : -1;
            long hh = parseLong(s, p + 1, Math.min(to, p + 3));
            int mm = p + 3 < to && s.at(p + 3) == ':' ? p + 4 : p + 3;
            long mi = mm + 2 <= to ? parseLong(s, mm, mm + 2) : 0;
            if (hh != NONE && mi != NONE) {
                offsetMinutes = sign * (hh * 60 + mi);
            }
        }
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
    }

    // Howard Hinnant's days_from_civil: epoch days without allocating a LocalDate per line
    private static long daysFromCivil(long y, long m, long d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
