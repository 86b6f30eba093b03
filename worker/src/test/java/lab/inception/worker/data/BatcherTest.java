package lab.inception.worker.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BatcherTest {

  private final ImageSet set = SyntheticShapes.generate(50, 5);

  @Test
  @DisplayName("training batches depend only on seed, epoch and index; epochs reshuffle")
  void deterministicShuffling() {
    Batcher a = new Batcher(set, 16, true, true, 9, new float[] {0});
    Batcher b = new Batcher(set, 16, true, true, 9, new float[] {0});
    assertThat(a.batches()).isEqualTo(3);
    b.batch(4, 0);
    assertThat(a.batch(1, 2).pixels()).containsExactly(b.batch(1, 2).pixels());
    assertThat(a.batch(1, 0).labels()).isNotEqualTo(a.batch(2, 0).labels());
    Batcher eval = new Batcher(set, 16, false, true, 9, new float[] {0});
    assertThat(eval.batches()).isEqualTo(4);
    assertThat(eval.batch(0, 3).size()).isEqualTo(2);
    assertThat(eval.batch(0, 0).pixels()).containsExactly(Arrays.copyOf(set.pixels(), 16 * 784));
  }

  @Test
  @DisplayName("augmentation flips and shifts images, padding with the given value")
  void augmentationKeepsContent() {
    Batcher aug = new Batcher(set, 50, true, true, 1, new float[] {-7f});
    Batcher plain = new Batcher(set, 50, true, false, 1, new float[] {-7f});
    Batcher.HostBatch x = aug.batch(0, 0);
    Batcher.HostBatch y = plain.batch(0, 0);
    assertThat(x.labels()).containsExactly(y.labels());
    assertThat(x.pixels()).isNotEqualTo(y.pixels());
    long padded = 0;
    for (float v : x.pixels()) if (v == -7f) padded++;
    assertThat(padded).isPositive();
  }

  @Test
  @DisplayName("channels-last and NCHW batches hold the same N×C×H×W values")
  void layouts() {
    ImageSet rgb = new ImageSet(new float[2 * 4 * 3 * 3], new int[] {0, 1}, 4, 3, 3);
    for (int i = 0; i < rgb.pixels().length; i++) rgb.pixels()[i] = i;
    Batcher.HostBatch hb = new Batcher(rgb, 2, false, false, 0, new float[3]).batch(0, 0);
    try (NDManager m = NDManager.newBaseManager()) {
      NDList cl = hb.toNDList(m, true);
      NDList nchw = hb.toNDList(m, false);
      assertThat(cl.get(0).getShape().toString()).isEqualTo("(2, 3, 4, 3)");
      assertThat(cl.get(0).toFloatArray()).containsExactly(nchw.get(0).toFloatArray());
      // image 1, channel 2, y 1, x 0 = channels-last offset 1*36 + (1*3+0)*3 + 2
      assertThat(nchw.get(0).getFloat(1, 2, 1, 0)).isEqualTo(36 + 9 + 2);
      assertThat(cl.get(1).toIntArray()).containsExactly(0, 1);
    }
  }
}
