package lab.inception.coordinator.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import lab.inception.worker.data.DatasetCatalog;

/**
 * Which data a sweep submitted to this server may read: {@code imagefolder:PATH} only under the
 * datasets root ({@code serve --datasets-root}), {@code dataDir} only when the server allows it
 * ({@code serve --allow-data-dir}). The {@code train} command on a user's own machine has no such
 * policy.
 *
 * @param datasetsRoot the folder image-folder datasets must lie under; null: none may be named
 * @param allowDataDir whether a sweep may set the {@code dataDir} parameter
 */
public record DataPolicy(Path datasetsRoot, boolean allowDataDir) {

  /** No image folders, no dataDir: what a server without a datasets root allows. */
  public static final DataPolicy NONE = new DataPolicy(null, false);

  public DataPolicy {
    datasetsRoot = datasetsRoot == null ? null : datasetsRoot.toAbsolutePath().normalize();
  }

  /**
   * A dataset value as the trials get it: a built-in name unchanged, {@code imagefolder:PATH} as
   * the absolute path it resolves to under the root; null (with a problem at {@code path}) when the
   * folder is not one this server serves.
   */
  String dataset(String name, String path, List<Problem> out) {
    if (!name.startsWith(DatasetCatalog.IMAGE_FOLDER)) return name;
    String given = name.substring(DatasetCatalog.IMAGE_FOLDER.length());
    String why = folderProblem(given);
    if (why != null) {
      out.add(new Problem(path, "'" + given + "': " + why));
      return null;
    }
    return DatasetCatalog.IMAGE_FOLDER + resolve(given);
  }

  /** Refuses dataDir unless the server allows it. */
  void dataDir(String path, List<Problem> out) {
    if (!allowDataDir) {
      out.add(
          new Problem(
              path,
              "this server does not let a sweep choose dataDir (start it with --allow-data-dir);"
                  + " put image folders under its datasets root and name them imagefolder:NAME"));
    }
  }

  private Path resolve(String given) {
    return datasetsRoot.resolve(given).normalize();
  }

  private String folderProblem(String given) {
    if (datasetsRoot == null) {
      return "this server has no datasets root: image folders cannot be named in a sweep";
    }
    String where = "the datasets root " + datasetsRoot;
    if (!Files.isDirectory(datasetsRoot)) {
      return where + " does not exist on this server";
    }
    Path p;
    try {
      p = Path.of(given);
    } catch (InvalidPathException e) {
      return "not a path: " + e.getReason();
    }
    for (Path part : p) {
      if (part.toString().equals("..")) return "'..' is not allowed in an image folder's path";
    }
    Path resolved = resolve(given);
    if (!resolved.startsWith(datasetsRoot))
      return "outside " + where + "; image folders must lie under it";
    try {
      Path real = resolved.toRealPath();
      if (!real.startsWith(datasetsRoot.toRealPath())) {
        return "leads outside " + where + " through a link";
      }
      if (!Files.isDirectory(real)) return "not a folder (under " + where + ")";
    } catch (IOException | SecurityException e) {
      return "no such folder under " + where;
    }
    return null;
  }
}
