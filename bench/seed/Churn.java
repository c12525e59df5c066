import java.util.*;
public class Churn {
  public static void main(String[] a) throws Exception {
    long end = System.currentTimeMillis() + Long.parseLong(a[0]) * 1000;
    List<byte[]> keep = new ArrayList<>(); Random r = new Random(1);
    Map<Integer, byte[]> lru = new LinkedHashMap<>(16, 0.75f, true) { protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> e) { return size() > 20000; } };
    long n = 0;
    while (System.currentTimeMillis() < end) {
      for (int i = 0; i < 2000; i++) { byte[] b = new byte[r.nextInt(512)]; lru.put(r.nextInt(100000), new byte[1024]); n += b.length; }
      if (keep.size() < 60000) keep.add(new byte[1024]);
      Thread.sleep(1);
    }
    System.out.println(n + " " + keep.size());
  }
}
