#include "pipeline/imports.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "base/fs.h"
#include "parse/parse.h"
#include "pipeline/embedded_stdlib.h"
#include "pipeline/source_load.h"
#include "sema/app_root.h"
#include "sema/graph.h"

namespace svcc {
namespace {

using sema::AppRoot;
using sema::Digraph;
using sema::ModuleOptions;
using sema::Program;
using sema::Unit;

std::string normalize(const std::filesystem::path& p) { return p.lexically_normal().generic_string(); }

struct Edge {
  uint32_t to;
  Span span;
};

class Loader {
 public:
  Loader(const ModuleOptions& options, SourceManager& sources, Diagnostics& diags)
      : options_(options), sources_(sources), diags_(diags) {}

  Program run(std::vector<ast::File> inputs) {
    program_.units.push_back(Unit{});
    std::vector<std::filesystem::path> paths;
    paths.reserve(inputs.size());
    for (const ast::File& f : inputs) paths.emplace_back(sources_.file(f.file).path);
    root_ = AppRoot(paths);
    for (ast::File& f : inputs) {
      std::string key = fileKey(0, normalize(sources_.file(f.file).path));
      if (file_by_key_.count(key)) continue;
      file_by_key_.emplace(std::move(key), static_cast<uint32_t>(program_.files.size()));
      addFile(std::move(f), 0);
    }
    for (uint32_t i = 0; i < program_.files.size(); ++i) followImports(i);
    for (Unit& u : program_.units) {
      std::sort(u.imports.begin(), u.imports.end(),
                [](const Unit::Import& a, const Unit::Import& b) { return a.qualifier < b.qualifier; });
    }
    reportCycles();
    return std::move(program_);
  }

 private:
  static std::string fileKey(uint32_t unit, const std::string& path) { return std::to_string(unit) + '\n' + path; }

  uint32_t addFile(ast::File f, uint32_t unit) {
    auto index = static_cast<uint32_t>(program_.files.size());
    program_.files.push_back(std::move(f));
    program_.unit_of_file.push_back(unit);
    program_.units[unit].files.push_back(index);
    edges_.emplace_back();
    return index;
  }

  bool embedded() const { return !options_.stdlib_dir.has_value(); }

  // The stdlib file at `rel` ("std/runtime.svc"), loaded into `unit`; nullopt when absent.
  std::optional<uint32_t> loadStdlibFile(const std::string& rel, uint32_t unit, Span at) {
    std::string key = fileKey(unit, rel);
    if (auto it = file_by_key_.find(key); it != file_by_key_.end()) return it->second;
    std::optional<std::string> text;
    std::string shown = rel;
    if (embedded()) {
      for (const EmbeddedFile& e : embeddedStdlib()) {
        if (e.path == rel) text = std::string(e.text);
      }
    } else {
      shown = normalize(std::filesystem::path(*options_.stdlib_dir) / rel);
      text = loadSourceFile(shown, shown, at, diags_).text;
    }
    if (!text) return std::nullopt;
    FileId id = sources_.add(shown, std::move(*text), true);
    file_by_key_.emplace(std::move(key), static_cast<uint32_t>(program_.files.size()));
    return addFile(parseFile(sources_.file(id), diags_), unit);
  }

  // The file `rel` names from `importer`; nullopt, reported, when there is none to load.
  std::optional<uint32_t> loadByPath(uint32_t importer, const ast::Import& imp) {
    const std::string& rel = imp.path;
    uint32_t unit = program_.unit_of_file[importer];
    const SourceFile& from = sources_.file(program_.files[importer].file);
    if (from.is_stdlib && embedded()) {
      // Embedded paths are "std/x.svc": a relative import stays inside that table.
      auto found = loadStdlibFile(normalize(std::filesystem::path(from.path).parent_path() / rel), unit, imp.path_span);
      if (!found) reportNotFound(imp);
      return found;
    }
    std::string path = normalize(std::filesystem::path(from.path).parent_path() / rel);
    std::string key = fileKey(unit, path);
    if (auto it = file_by_key_.find(key); it != file_by_key_.end()) return it->second;
    // A library given with --stdlib may import beside itself; the app stays in its root.
    if (!from.is_stdlib && !root_.holds(path)) {
      diags_
          .report(Code::E0014, imp.path_span, "`" + rel + "` is outside the app's root folder `" + root_.shown() + "`")
          .label("imported here")
          .withHelp(
              "imports name files below the folder holding every input file; move the file there, or name its "
              "folder on the command line too");
      return std::nullopt;
    }
    SourceLoad load = loadSourceFile(path, path, imp.path_span, diags_);
    if (load.missing) reportNotFound(imp);
    if (!load.text) return std::nullopt;
    FileId id = sources_.add(path, std::move(*load.text), from.is_stdlib);
    file_by_key_.emplace(std::move(key), static_cast<uint32_t>(program_.files.size()));
    return addFile(parseFile(sources_.file(id), diags_), unit);
  }

  void reportNotFound(const ast::Import& imp) {
    diags_.report(Code::E0208, imp.path_span, "file `" + imp.path + "` not found")
        .label("no such file")
        .withHelp("file imports are relative to the importing file");
  }

  std::string knownModules() const {
    std::string out;
    if (!embedded()) return out;
    for (const EmbeddedFile& e : embeddedStdlib()) {
      std::string_view p = e.path;
      if (p.rfind("std/", 0) != 0 || p.size() < 8 || p.substr(p.size() - 4) != ".svc") continue;
      out += out.empty() ? "the standard modules are " : ", ";
      out += "`std." + std::string(p.substr(4, p.size() - 8)) + "`";
    }
    return out;
  }

  std::optional<uint32_t> loadModule(const ast::Import& imp) {
    const ast::Path& m = imp.module;
    if (m.size() != 2 || m[0].text != "std") {
      diags_.report(Code::E0208, ast::pathSpan(m), "module `" + ast::pathText(m) + "` not found")
          .label("not a standard module")
          .withHelp("standard modules are imported as `std.NAME`; files as `import \"./file.svc\"`");
      return std::nullopt;
    }
    const std::string& name = m[1].text;
    if (auto it = unit_by_module_.find(name); it != unit_by_module_.end()) {
      return program_.units[it->second].files.front();
    }
    auto unit = static_cast<uint32_t>(program_.units.size());
    program_.units.push_back(Unit{name, {}, {}});
    std::optional<uint32_t> file = loadStdlibFile("std/" + name + ".svc", unit, ast::pathSpan(m));
    if (!file) {
      program_.units.pop_back();
      auto& d = diags_.report(Code::E0208, ast::pathSpan(m), "module `std." + name + "` not found")
                    .label("no such standard module");
      std::string known = knownModules();
      if (!known.empty()) d.withHelp(known);
      return std::nullopt;
    }
    unit_by_module_.emplace(name, unit);
    return file;
  }

  void followImports(uint32_t index) {
    std::unordered_map<std::string, Span> seen;
    // Copy what is needed: loading appends to program_.files and may move this file.
    std::vector<ast::Import> imports;
    for (const ast::Decl& d : program_.files[index].decls) {
      if (const auto* imp = std::get_if<ast::Import>(&d)) imports.push_back(*imp);
    }
    for (const ast::Import& imp : imports) {
      std::string key = imp.is_path ? "\"" + imp.path : ast::pathText(imp.module);
      auto [it, fresh] = seen.emplace(key, imp.span);
      if (!fresh) {
        diags_.report(Code::E0210, imp.span, "`" + (imp.is_path ? imp.path : key) + "` is imported twice")
            .label("imported again here")
            .secondaryLabel(it->second, "first imported here")
            .fix(imp.span, "", "remove this import");
        continue;
      }
      std::optional<uint32_t> target;
      if (imp.is_path) {
        target = loadByPath(index, imp);
      } else {
        target = loadModule(imp);
        if (target) {
          Unit& u = program_.units[program_.unit_of_file[index]];
          const std::string& q = imp.module[1].text;
          uint32_t unit = program_.unit_of_file[*target];
          bool known =
              std::any_of(u.imports.begin(), u.imports.end(), [&](const Unit::Import& i) { return i.qualifier == q; });
          if (!known) u.imports.push_back({q, unit});
        }
      }
      if (target) edges_[index].push_back({*target, imp.span});
    }
  }

  Span edgeSpan(uint32_t from, uint32_t to) const {
    for (const Edge& e : edges_[from]) {
      if (e.to == to) return e.span;
    }
    return {};
  }

  void reportCycles() {
    Digraph g(static_cast<uint32_t>(program_.files.size()));
    for (uint32_t i = 0; i < edges_.size(); ++i) {
      for (const Edge& e : edges_[i]) g.addEdge(i, e.to);
    }
    g.freeze();
    for (const std::vector<uint32_t>& comp : sema::stronglyConnectedComponents(g)) {
      bool self = comp.size() == 1 && edgeSpan(comp[0], comp[0]).valid();
      if (comp.size() == 1 && !self) continue;
      std::vector<uint32_t> cycle = sema::cycleThrough(g, comp);
      if (cycle.empty()) continue;
      std::string chain;
      for (uint32_t f : cycle) chain += "`" + sources_.file(program_.files[f].file).path + "` -> ";
      chain += "`" + sources_.file(program_.files[cycle[0]].file).path + "`";
      auto& d = diags_.report(Code::E0209, edgeSpan(cycle[0], cycle[1 % cycle.size()]), "import cycle: " + chain)
                    .label("this import closes the cycle");
      for (size_t k = 1; k < cycle.size(); ++k) {
        d.secondaryLabel(edgeSpan(cycle[k], cycle[(k + 1) % cycle.size()]), "imported here");
      }
      d.withHelp("move the shared declarations into a file that both import");
    }
  }

  const ModuleOptions& options_;
  SourceManager& sources_;
  Diagnostics& diags_;
  Program program_;
  AppRoot root_;
  std::unordered_map<std::string, uint32_t> file_by_key_;
  std::unordered_map<std::string, uint32_t> unit_by_module_;
  std::vector<std::vector<Edge>> edges_;
};

}  // namespace

sema::Program loadProgram(std::vector<ast::File> inputs, const sema::ModuleOptions& options, SourceManager& sources,
                          Diagnostics& diags) {
  return Loader(options, sources, diags).run(std::move(inputs));
}

}  // namespace svcc
