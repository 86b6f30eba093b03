package lab.inception.worker.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded, class-stratified index splits. */
final class Splits {

  private Splits() {}

  /**
   * Splits indices {@code 0..labels.length-1} into (kept, held out), holding out {@code fraction}
   * of every class, chosen by a generator seeded with {@code seed}. Both parts are in index order.
   */
  static int[][] stratified(int[] labels, double fraction, long seed) {
    int classes = 0;
    for (int l : labels) classes = Math.max(classes, l + 1);
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) byClass.add(new ArrayList<>());
    for (int i = 0; i < labels.length; i++) byClass.get(labels[i]).add(i);
    Random rnd = new Random(seed);
    boolean[] held = new boolean[labels.length];
    int heldCount = 0;
    for (List<Integer> idx : byClass) {
      java.util.Collections.shuffle(idx, rnd);
      int k = (int) Math.round(idx.size() * fraction);
      for (int j = 0; j < k; j++) {
        held[idx.get(j)] = true;
        heldCount++;
      }
    }
    int[] kept = new int[labels.length - heldCount];
    int[] out = new int[heldCount];
    int a = 0;
    int b = 0;
    for (int i = 0; i < labels.length; i++) {
      if (held[i]) out[b++] = i;
      else kept[a++] = i;
    }
    return new int[][] {kept, out};
  }
}
