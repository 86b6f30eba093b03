package lab.inception.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherDatasetsTest {

  @TempDir Path tmp;

  @Test
  @DisplayName("CIFAR-10 binary batches are read as RGB 32×32 images with their labels")
  void readsCifar() throws IOException {
    Files.write(tmp.resolve("data_batch_1.bin"), Fixtures.cifarRecords(6, 0));
    Files.write(tmp.resolve("data_batch_2.bin"), Fixtures.cifarRecords(4, 6));
    Files.write(tmp.resolve("test_batch.bin"), Fixtures.cifarRecords(3, 1));
    ImageSet[] parts = new Cifar10(tmp, tmp.resolve("cache")).load();
    assertThat(parts[0].size()).isEqualTo(10);
    assertThat(parts[0].labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(parts[1].labels()).containsExactly(1, 2, 3);
    assertThat(parts[0].channels()).isEqualTo(3);
    // record 2, pixel 5: R = 0 + 2, G = 80 + 2, B = 160 + 2 (channels-last)
    int o = 2 * 32 * 32 * 3 + 5 * 3;
    assertThat(parts[0].pixels()[o]).isEqualTo(2 / 255f);
    assertThat(parts[0].pixels()[o + 1]).isEqualTo(82 / 255f);
    assertThat(parts[0].pixels()[o + 2]).isEqualTo(162 / 255f);
  }

  @Test
  @DisplayName("a truncated or missing CIFAR-10 file is refused with the ways to provide it")
  void refusesBadCifar() throws IOException {
    byte[] b = Fixtures.cifarRecords(3, 0);
    Files.write(tmp.resolve("data_batch_1.bin"), java.util.Arrays.copyOf(b, b.length - 10));
    assertThatThrownBy(() -> new Cifar10(tmp, tmp.resolve("cache")).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test_batch.bin not found")
        .hasMessageContaining("--data-dir");
    Files.write(tmp.resolve("test_batch.bin"), b);
    assertThatThrownBy(() -> new Cifar10(tmp, tmp.resolve("cache")).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data_batch_1.bin is truncated");
  }

  @Test
  @DisplayName("imagefolder reads one class per sub-folder and holds out a test split")
  void readsImageFolder() throws IOException {
    for (String cls : new String[] {"cats", "dogs"}) {
      Files.createDirectories(tmp.resolve(cls));
      for (int i = 0; i < 5; i++) {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(cls.equals("cats") ? Color.RED : Color.BLUE);
        g.fillRect(0, 0, 40, 20);
        g.dispose();
        ImageIO.write(
            img,
            i % 2 == 0 ? "png" : "jpg",
            tmp.resolve(cls).resolve(i + (i % 2 == 0 ? ".png" : ".jpg")).toFile());
      }
    }
    DataSplits d = Datasets.load("imagefolder:" + tmp, null, 16, 0.25, 1, 0, 0);
    assertThat(d.classNames()).containsExactly("cats", "dogs");
    assertThat(d.train().size() + d.validation().size() + d.test().size()).isEqualTo(10);
    assertThat(d.test().size()).isEqualTo(2);
    assertThat(d.height()).isEqualTo(16);
    assertThat(d.channels()).isEqualTo(3);
    Files.writeString(tmp.resolve("dogs").resolve("broken.png"), "not an image");
    assertThatThrownBy(() -> Datasets.load("imagefolder:" + tmp, null, 16, 0.25, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("broken.png");
  }

  @Test
  @DisplayName("synthetic-shapes is seeded, balanced, and split into train, validation and test")
  void syntheticShapes() {
    DataSplits a = Datasets.load("synthetic-shapes", null, 0, 0.2, 3, 300, 60);
    DataSplits b = Datasets.load("synthetic-shapes", null, 0, 0.2, 3, 300, 60);
    assertThat(a.train().pixels()).containsExactly(b.train().pixels());
    assertThat(a.train().size()).isEqualTo(240);
    assertThat(a.validation().size()).isEqualTo(60);
    assertThat(a.test().size()).isEqualTo(60);
    assertThat(a.classes()).isEqualTo(6);
    int[] counts = new int[6];
    for (int l : a.validation().labels()) counts[l]++;
    assertThat(counts).containsOnly(10);
    float[][] stats = a.train().channelStats();
    assertThat(stats[0][0]).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-3f));
    assertThat(stats[1][0]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-3f));
    assertThatThrownBy(() -> Datasets.load("mnist", null, 0, 0.1, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown dataset 'mnist'");
  }

  @Test
  @DisplayName("the real Fashion-MNIST of the machine loads with a resized slice")
  void realFashionMnistSlice() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(FashionMnist.SYSTEM_DIR));
    DataSplits d = Datasets.load("fashion-mnist", null, 32, 0.1, 1, 1000, 100);
    assertThat(d.train().size() + d.validation().size()).isEqualTo(1000);
    assertThat(d.validation().size()).isBetween(95, 105);
    assertThat(d.test().size()).isEqualTo(100);
    assertThat(d.height()).isEqualTo(32);
    assertThat(d.classes()).isEqualTo(10);
  }
}
