#include "ir/config_files.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "base/fs.h"
#include "sema/names.h"

namespace svcc::ir {

namespace fs = std::filesystem;

namespace {

class ConfigLoader {
 public:
  ConfigLoader(const SourceManager& sources, const sema::AppRoot& root, Diagnostics& diags)
      : sources_(sources), root_(root), diags_(diags) {}

  void load(const sema::Service& s, sema::ConfigFiles& c) {
    if (c.source != sema::ConfigFiles::Source::Text) {
      if (c.path_span.file == kNoFile) return;
      const SourceFile& file = sources_.file(c.path_span.file);
      fs::path path = (fs::path(file.path).parent_path() / c.path).lexically_normal();
      if (!root_.holds(path)) {
        diags_
            .report(Code::E0540, c.path_span,
                    "config `" + c.name + "` of `" + s.name + "` reads `" + displayPath(path) + "`, outside the app")
            .label("outside the app's root folder `" + root_.shown() + "`")
            .withHelp("keep config files beside the .svc files, inside the app");
        return;
      }
      bool dir = c.source == sema::ConfigFiles::Source::Dir;
      if (dir ? !readDir(s, c, path) : !readOne(s, c, path, path.filename().string())) return;
    }
    size_t total = 0;
    for (const sema::ConfigFiles::Entry& e : c.entries) {
      if (auto why = sema::checkSecretKey(e.key)) {
        diags_
            .report(Code::E0543, c.path_span,
                    "config `" + c.name + "` has a file named `" + e.key + "`, which is not a ConfigMap key")
            .label(*why)
            .withHelp("ConfigMap keys are letters, digits, `-`, `_` and `.`: rename the file");
        return;
      }
      total += e.key.size() + e.bytes.size();
    }
    if (total > kMaxConfigMapBytes) {
      diags_
          .report(Code::E0542, c.path_span,
                  "config `" + c.name + "` of `" + s.name + "` holds " + std::to_string(total) + " bytes")
          .label("a ConfigMap holds at most 1 MiB (1048576 bytes)")
          .withHelp("mount large files from a volume or bake them into the image");
    }
  }

 private:
  bool readOne(const sema::Service& s, sema::ConfigFiles& c, const fs::path& path, std::string key) {
    ReadResult r = readFile(path, kMaxConfigMapBytes + 1);
    if (!r.ok && !r.too_large) {
      diags_
          .report(Code::E0541, c.path_span,
                  "config `" + c.name + "` of `" + s.name + "` cannot read `" + displayPath(path) + "`")
          .label(r.error)
          .withHelp("the path is relative to the .svc file that names it");
      return false;
    }
    if (r.too_large) {
      diags_.report(Code::E0542, c.path_span, "config file `" + displayPath(path) + "` is larger than 1 MiB")
          .label("a ConfigMap holds at most 1 MiB (1048576 bytes)")
          .withHelp("mount large files from a volume or bake them into the image");
      return false;
    }
    if (auto bad = firstEncodingError(r.text)) {
      diags_.report(Code::E0541, c.path_span, "config file `" + displayPath(path) + "` is not text")
          .label(bad->nul ? "it holds a NUL byte" : "it is not valid UTF-8")
          .withHelp("config files are UTF-8 text; bake binary files into the image");
      return false;
    }
    c.entries.push_back({std::move(key), std::move(r.text)});
    return true;
  }

  bool readDir(const sema::Service& s, sema::ConfigFiles& c, const fs::path& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      diags_
          .report(
              Code::E0541, c.path_span,
              "config `" + c.name + "` of `" + s.name + "` names `" + displayPath(dir) + "`, which is not a directory")
          .label(fs::exists(dir, ec) ? "not a directory" : "no such directory")
          .withHelp("`dir` names a directory relative to the .svc file; a single file is `file = …`");
      return false;
    }
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && root_.holds(it->path())) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      if (!readOne(s, c, f, f.filename().string())) return false;
    }
    return true;
  }

  const SourceManager& sources_;
  const sema::AppRoot& root_;
  Diagnostics& diags_;
};

}  // namespace

void loadConfigFiles(sema::Model& model, const SourceManager& sources, const sema::AppRoot& root, Diagnostics& diags) {
  ConfigLoader loader(sources, root, diags);
  for (sema::Service& s : model.services) {
    for (sema::ConfigFiles& c : s.configs) loader.load(s, c);
  }
}

}  // namespace svcc::ir
