package lab.inception.worker.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The user's own images: one sub-folder of PNG/JPEG files per class (the folder name is the class
 * name, classes in alphabetical order). When {@code PATH} holds {@code train/} and {@code test/}
 * folders of that shape they are the two splits; otherwise a seeded fifth of every class is the
 * test split. Images are converted to RGB and resized to a square side.
 */
public final class ImageFolder {

  private final Path root;
  private final int side;

  /**
   * @param root the folder given as {@code imagefolder:PATH}
   * @param side the square side every image is resized to
   */
  public ImageFolder(Path root, int side) {
    this.root = root;
    this.side = side;
  }

  /** Class names (sub-folder names). */
  public List<String> classes() {
    Path base = Files.isDirectory(root.resolve("train")) ? root.resolve("train") : root;
    return classFolders(base).stream().map(p -> p.getFileName().toString()).toList();
  }

  /** The training and test splits. */
  public ImageSet[] load(long seed) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("imagefolder: " + root + " is not a directory");
    }
    if (Files.isDirectory(root.resolve("train")) && Files.isDirectory(root.resolve("test"))) {
      List<String> names = classes();
      return new ImageSet[] {read(root.resolve("train"), names), read(root.resolve("test"), names)};
    }
    ImageSet all = read(root, classes());
    int[][] parts = Splits.stratified(all.labels(), 0.2, seed);
    return new ImageSet[] {all.subset(parts[0]), all.subset(parts[1])};
  }

  private static List<Path> classFolders(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> folders = s.filter(Files::isDirectory).sorted().toList();
      if (folders.size() < 2) {
        throw new IllegalArgumentException(
            "imagefolder: "
                + dir
                + " must hold one sub-folder of PNG/JPEG images per class (at"
                + " least two), found "
                + folders.size());
      }
      return folders;
    } catch (IOException e) {
      throw new IllegalArgumentException("imagefolder: cannot list " + dir + ": " + e.getMessage());
    }
  }

  private ImageSet read(Path dir, List<String> names) {
    List<float[]> images = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      Path folder = dir.resolve(names.get(c));
      List<Path> files;
      try (Stream<Path> s = Files.list(folder)) {
        files = s.filter(ImageFolder::isImage).sorted().toList();
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "imagefolder: cannot list " + folder + ": " + e.getMessage());
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException("imagefolder: " + folder + " holds no PNG/JPEG image");
      }
      for (Path f : files) {
        images.add(pixels(f));
        labels.add(c);
      }
    }
    float[] all = new float[images.size() * side * side * 3];
    for (int i = 0; i < images.size(); i++) {
      System.arraycopy(images.get(i), 0, all, i * side * side * 3, side * side * 3);
    }
    return new ImageSet(all, labels.stream().mapToInt(Integer::intValue).toArray(), side, side, 3);
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p)
        && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
  }

  private float[] pixels(Path file) {
    BufferedImage img;
    try {
      img = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "imagefolder: " + file + " is not a readable image (" + e.getMessage() + ")");
    }
    if (img == null) {
      throw new IllegalArgumentException(
          "imagefolder: " + file + " is not a readable PNG/JPEG image");
    }
    BufferedImage rgb = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(img, 0, 0, side, side, null);
    g.dispose();
    float[] out = new float[side * side * 3];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int v = rgb.getRGB(x, y);
        int o = (y * side + x) * 3;
        out[o] = ((v >> 16) & 0xff) / 255f;
        out[o + 1] = ((v >> 8) & 0xff) / 255f;
        out[o + 2] = (v & 0xff) / 255f;
      }
    }
    return out;
  }
}
