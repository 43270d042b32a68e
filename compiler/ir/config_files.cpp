#include "ir/config_files.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>
#include <utility>

#include "base/fs.h"
#include "sema/names.h"

namespace svcc::ir {

namespace fs = std::filesystem;

namespace {

bool nameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

class ConfigLoader {
 public:
  ConfigLoader(SourceManager& sources, const sema::AppRoot& root, sema::References& refs, Diagnostics& diags)
      : sources_(sources), root_(root), refs_(refs), diags_(diags) {}

  void load(const sema::Service& s, sema::ServiceId id, sema::ConfigFiles& c) {
    if (c.source == sema::ConfigFiles::Source::File || c.source == sema::ConfigFiles::Source::Dir) {
      if (c.path_span.file == kNoFile) return;
      fs::path path = (fs::path(sources_.file(c.path_span.file).path).parent_path() / c.path).lexically_normal();
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
      if (c.is_template && c.is_template->value) {
        for (size_t i = 0; i < c.entries.size(); ++i) expand(id, c.entries[i], dir ? path / c.entries[i].key : path);
      }
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
    c.entries.push_back({std::move(key), std::move(r.text), {}});
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

  // A template file: `${REF}` becomes the reference's value (as Kubernetes sees it; the
  // pieces keep it for compose), `$${` a literal `${`. The file joins the sources, so
  // that a wrong reference is reported where it is written.
  void expand(sema::ServiceId id, sema::ConfigFiles::Entry& e, const fs::path& path) {
    if (e.bytes.find('$') == std::string::npos) return;
    FileId file = sources_.add(displayPath(path), e.bytes);
    const std::string& text = sources_.file(file).text;
    std::string filled, literal;
    std::vector<sema::ConfigFiles::Piece> pieces;
    bool any = false;
    for (size_t i = 0; i < text.size();) {
      size_t at = text.find('$', i);
      if (at == std::string::npos) at = text.size();
      literal.append(text, i, at - i);
      if (at == text.size()) break;
      if (text.compare(at, 3, "$${") == 0) {
        literal += "${";
        i = at + 3;
        continue;
      }
      if (text.compare(at, 2, "${") != 0) {
        literal += '$';
        i = at + 1;
        continue;
      }
      size_t close = text.find_first_of("}\n", at + 2);
      auto where = [&](size_t end) { return Span{file, static_cast<uint32_t>(at), static_cast<uint32_t>(end)}; };
      if (close == std::string::npos || text[close] != '}') {
        diags_.report(Code::E0106, where(at + 2), "`${` without a closing `}` in a template")
            .label("not closed on this line")
            .withHelp("close the reference, `${cart.grpc.address}`, or write `$${` for a literal `${`");
        i = at + 2;
        continue;
      }
      std::optional<ast::Path> ref = referencePath(text, at + 2, close, file);
      if (!ref) {
        diags_.report(Code::E0106, where(close + 1), "`" + text.substr(at, close + 1 - at) + "` is not a reference")
            .label("a template takes service references")
            .withHelp("write `${SERVICE.PORT.ATTRIBUTE}`, e.g. `${cart.grpc.address}`, or `$${` for a literal `${`");
      } else if (std::optional<sema::Reference> r = refs_.resolve(*ref, where(close + 1), id, false)) {
        filled += literal + r->text;
        pieces.push_back({std::exchange(literal, {}), std::nullopt});
        pieces.push_back({"", std::move(r)});
        any = true;
      }
      i = close + 1;
    }
    filled += literal;
    pieces.push_back({std::move(literal), std::nullopt});
    e.bytes = std::move(filled);
    if (any) e.pieces = std::move(pieces);
  }

  // `cart.grpc.address` between `${` and `}` (spaces around it allowed), as a path whose
  // names have their spans in the file; nullopt when it is not one.
  static std::optional<ast::Path> referencePath(const std::string& text, size_t begin, size_t end, FileId file) {
    while (begin < end && text[begin] == ' ') ++begin;
    while (end > begin && text[end - 1] == ' ') --end;
    ast::Path path;
    for (size_t at = begin; at <= end;) {
      size_t dot = std::min(text.find('.', at), end);
      if (dot == at) return std::nullopt;
      for (size_t k = at; k < dot; ++k)
        if (!nameChar(text[k])) return std::nullopt;
      if (!std::isalpha(static_cast<unsigned char>(text[at]))) return std::nullopt;
      path.push_back({text.substr(at, dot - at), Span{file, static_cast<uint32_t>(at), static_cast<uint32_t>(dot)}});
      at = dot + 1;
      if (dot == end) break;
    }
    if (path.empty()) return std::nullopt;
    return path;
  }

  SourceManager& sources_;
  const sema::AppRoot& root_;
  sema::References& refs_;
  Diagnostics& diags_;
};

}  // namespace

void loadConfigFiles(sema::Model& model, SourceManager& sources, const sema::AppRoot& root, sema::References& refs,
                     Diagnostics& diags) {
  ConfigLoader loader(sources, root, refs, diags);
  for (sema::ServiceId id = 0; id < model.services.size(); ++id) {
    for (sema::ConfigFiles& c : model.services[id].configs) loader.load(model.services[id], id, c);
  }
}

}  // namespace svcc::ir
