#include "sema/finisher.h"

#include <algorithm>
#include <bitset>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "sema/names.h"
#include "sema/pod_values.h"
#include "sema/schema.h"
#include "sema/units.h"

namespace svcc::sema {
// `env_from { secrets = ["db-env"] }`: names of objects svcc does not write, so only
// their names can be checked.
void Finisher::envFrom(FieldId key, const char* kind, std::vector<Located<std::string>> PodOptions::*list) {
  const Entry* e = get(key);
  if (!e || e->value.kind != Value::Kind::List) return;
  std::vector<Located<std::string>>& out = options().*list;
  for (const Value& item : e->value.items) {
    std::optional<std::string> name = item.kind == Value::Kind::Text ? refs_.resolveText(item, id_) : std::nullopt;
    if (!name) continue;
    if (auto why = checkRfc1123Subdomain(*name)) {
      diags_.report(Code::E0343, item.span, "`" + *name + "` is not a valid " + kind + " name")
          .label(*why)
          .withHelp(std::string(kind) + " names are lower-case letters, digits, `-` and `.`");
      continue;
    }
    auto same = [&](const Located<std::string>& n) { return n.value == *name; };
    if (auto it = std::find_if(out.begin(), out.end(), same); it != out.end()) {
      diags_.report(Code::E0343, item.span, std::string(kind) + " `" + *name + "` is named twice")
          .label("named again here")
          .secondaryLabel(it->span, "first named here")
          .withHelp("remove one of the two");
      continue;
    }
    out.push_back({*name, item.span});
  }
}

bool Finisher::claimMount(const std::string& path, std::string_view kind, const std::string& name, Span span) {
  auto [first, fresh] = mounts_.emplace(normalMountPath(path), Mounted{std::string(kind), name, span});
  if (fresh) return true;
  const Mounted& other = first->second;
  std::string both = other.kind == kind
                         ? std::string(kind) + "s `" + other.name + "` and `" + name + "`"
                         : other.kind + " `" + other.name + "` and " + std::string(kind) + " `" + name + "`";
  diags_.report(Code::E0330, span, both + " are both mounted at `" + first->first + "`")
      .label("mounted here again")
      .secondaryLabel(other.span, "`" + other.name + "` is mounted here")
      .withHelp("give each " + std::string(kind) + " its own `mount` path");
  return false;
}

bool Finisher::claimName(std::string_view kind, const std::string& name, Span span) {
  auto [first, fresh] = pod_volumes_.emplace(name, Mounted{std::string(kind), name, span});
  if (fresh) return true;
  diags_
      .report(Code::E0207, span,
              first->second.kind + " `" + name + "` and " + std::string(kind) + " `" + name + "` share a name")
      .label("named again here")
      .secondaryLabel(first->second.span, "first named here")
      .withHelp("they are volumes of one pod, whose names must be unique: rename one");
  return false;
}

// A named block's `mount`, as the container sees it (E0331 when it cannot be one).
std::optional<std::string> Finisher::mountPath(std::string_view kind, const std::string& name, const Entry& mount,
                                               std::string_view example) const {
  std::optional<std::string> path = refs_.resolveText(mount.value, id_);
  if (!path) return std::nullopt;
  if (auto why = checkMountPath(*path)) {
    diags_
        .report(Code::E0331, mount.value.span,
                std::string(kind) + " `" + name + "` cannot be mounted at `" + *path + "`")
        .label(*why)
        .withHelp("mount it at an absolute path of its own, e.g. `mount = \"" + std::string(example) + "\"`");
    return std::nullopt;
  }
  return path;
}

void Finisher::volumes() {
  for (const NamedDraft* block : namedOf(FieldId::VolumeDecl)) {
    const std::string& name = block->name;
    const Entry* size = find(*block, FieldId::VolumeSize);
    const Entry* mount_entry = find(*block, FieldId::VolumeMount);
    Volume out;
    out.name = name;
    out.span = block->span;
    bool ok = true;
    for (const char* field : {"size", "mount"}) {
      const Entry* e = std::string_view(field) == "size" ? size : mount_entry;
      if (!e) {
        diags_.report(Code::E0324, block->span, "volume `" + name + "` has no `" + field + "`")
            .label("`" + std::string(field) + "` missing")
            .withHelp(std::string_view(field) == "size" ? "add `size = 1Gi`" : "add `mount = \"/data\"`");
        ok = false;
      } else if (!e->value.ok()) {
        ok = false;
      }
    }
    if (!ok) continue;
    out.size_bytes = size->value.number;
    if (out.size_bytes <= 0) {
      diags_.report(Code::E0325, size->value.span, "volume `" + name + "` has size zero")
          .label("a claim must ask for some storage")
          .withHelp("give it a size, e.g. `size = 1Gi`");
      continue;
    }
    std::optional<std::string> mount = mountPath("volume", name, *mount_entry, "/data");
    if (!mount) continue;
    out.mount = *mount;
    if (!claimMount(out.mount, "volume", name, mount_entry->value.span)) continue;
    claimName("volume", name, block->span);
    s_.volumes.push_back(std::move(out));
  }
}

// `config NAME { file | dir | text; mount }`: exactly one source, and where it appears.
// The files themselves are read after checking (ir/config_files.h).
void Finisher::configs() {
  for (const NamedDraft* block : namedOf(FieldId::ConfigDecl)) {
    const std::string& name = block->name;
    const Entry* sources[] = {find(*block, FieldId::ConfigFile), find(*block, FieldId::ConfigDir),
                              find(*block, FieldId::ConfigText), find(*block, FieldId::ConfigSecret)};
    const Entry* mount = find(*block, FieldId::ConfigMount);
    int given = 0, which = 0;
    for (int i = 0; i < 4; ++i) {
      if (sources[i]) ++given, which = which ? which : i + 1;
    }
    if (given != 1) {
      auto& d = diags_
                    .report(Code::E0324, block->span,
                            given ? "config `" + name + "` has more than one of `file`, `dir`, `text` and `secret`"
                                  : "config `" + name + "` has none of `file`, `dir`, `text` and `secret`")
                    .label(given ? "one source per config" : "no content");
      d.withHelp(
          "give it one: `file = \"./app.conf\"`, `dir = \"./conf.d\"`, `text = \"…\"` or `secret = "
          "secret(\"NAME\", \"KEY\")`");
      continue;
    }
    if (!mount) {
      diags_.report(Code::E0324, block->span, "config `" + name + "` has no `mount`")
          .label("`mount` missing")
          .withHelp("add where the container reads it, e.g. `mount = \"/etc/app/app.conf\"`");
      continue;
    }
    const Entry& source = *sources[which - 1];
    if (!source.value.ok() || !mount->value.ok()) continue;
    ConfigFiles out;
    out.name = name;
    out.span = block->span;
    out.source = static_cast<ConfigFiles::Source>(which - 1);
    out.path_span = source.value.span;
    // A secret's value never appears in the source, nor in what svcc writes.
    bool secret = out.source == ConfigFiles::Source::Secret;
    if (secret && source.value.kind != Value::Kind::Secret) {
      diags_.report(Code::E0301, source.value.span, "`secret` of config `" + name + "` is not a secret")
          .label("plaintext, or another kind of value")
          .withHelp("name a key of a Secret in the namespace: `secret = secret(\"" + name + "\", \"KEY\")`");
      continue;
    }
    std::vector<ConfigFiles::Piece> pieces;
    std::optional<std::string> text;
    if (secret) text = source.value.secret_key;
    else if (out.source == ConfigFiles::Source::Text) text = textPieces(source.value, pieces);
    else text = refs_.resolveText(source.value, id_);
    std::optional<std::string> path = mountPath("config", name, *mount, "/etc/app/app.conf");
    if (!text || !path) continue;
    out.mount = *path;
    if (secret) {
      out.secret_name = source.value.secret_name;
      out.secret_key = source.value.secret_key;
    } else if (out.source == ConfigFiles::Source::Text) {
      std::string key = out.mount.substr(out.mount.find_last_of('/') + 1);
      out.entries.push_back({key, *text, std::move(pieces)});
    } else {
      out.path = *text;
    }
    if (const Entry* t = find(*block, FieldId::ConfigTemplate); t && t->value.kind == Value::Kind::Bool) {
      if (out.source == ConfigFiles::Source::File || out.source == ConfigFiles::Source::Dir) {
        out.is_template = Located<bool>{t->value.flag, t->value.span};
      } else {
        diags_.report(Code::E0322, t->stmt, "`template` on config `" + name + "`, which reads no file")
            .label(out.source == ConfigFiles::Source::Text ? "`text` is interpolated already"
                                                           : "a Secret's value is never a template")
            .withHelp("remove `template`");
        continue;
      }
    }
    if (!claimMount(out.mount, "config", name, mount->value.span)) continue;
    if (!claimName("config", name, block->span)) continue;
    s_.configs.push_back(std::move(out));
  }
}

// An inline text as Kubernetes reads it, and its pieces when it holds references (for
// compose, which dials the container port); nullopt when a reference is wrong.
std::optional<std::string> Finisher::textPieces(const Value& v, std::vector<ConfigFiles::Piece>& pieces) {
  std::string text;
  bool ok = true, any = false;
  for (const TextPiece& p : v.pieces) {
    if (p.ref.empty()) {
      text += p.text;
      pieces.push_back({p.text, std::nullopt});
    } else if (std::optional<Reference> r = refs_.resolve(p.ref, p.span, id_, false)) {
      text += r->text;
      pieces.push_back({"", std::move(r)});
      any = true;
    } else {
      ok = false;
    }
  }
  if (!any) pieces.clear();
  if (!ok) return std::nullopt;
  return text;
}

// `scratch NAME { mount; size; memory }`: an emptyDir in Kubernetes, a tmpfs in compose.
void Finisher::scratchSpaces() {
  for (const NamedDraft* block : namedOf(FieldId::ScratchDecl)) {
    const std::string& name = block->name;
    const Entry* mount = find(*block, FieldId::ScratchMount);
    const Entry* size = find(*block, FieldId::ScratchSize);
    const Entry* memory = find(*block, FieldId::ScratchMemory);
    Scratch out;
    out.name = name;
    out.span = block->span;
    out.memory = memory && memory->value.ok() && memory->value.flag;
    if (!mount) {
      diags_.report(Code::E0324, block->span, "scratch `" + name + "` has no `mount`")
          .label("`mount` missing")
          .withHelp("add where the container writes, e.g. `mount = \"/var/cache/app\"`");
      continue;
    }
    if (out.memory && !size) {
      diags_.report(Code::E0324, block->span, "memory-backed scratch `" + name + "` has no `size`")
          .label("`size` missing")
          .withHelp("a tmpfs counts against the memory limit: give it a size, e.g. `size = 64Mi`");
      continue;
    }
    if (!mount->value.ok() || (size && !size->value.ok()) || (memory && !memory->value.ok())) continue;
    if (size) {
      out.size_bytes = size->value.number;
      out.size_span = size->value.span;
      if (out.size_bytes <= 0) {
        diags_.report(Code::E0325, size->value.span, "scratch `" + name + "` has size zero")
            .label("nothing could be written")
            .withHelp("give it a size, e.g. `size = 100Mi`, or leave `size` out for no limit of its own");
        continue;
      }
    }
    std::optional<std::string> path = mountPath("scratch", name, *mount, "/var/cache/app");
    if (!path) continue;
    out.mount = *path;
    if (!claimMount(out.mount, "scratch", name, mount->value.span)) continue;
    if (!claimName("scratch", name, block->span)) continue;
    s_.scratch.push_back(std::move(out));
  }
}

}  // namespace svcc::sema
