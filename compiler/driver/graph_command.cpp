#include "driver/graph_command.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "diagnostics/render.h"
#include "pipeline/pipeline.h"

namespace svcc {

namespace {

using sema::Model;
using sema::Service;

// `grpc 9090` per port used, or `any port` for a dependency on the service as a whole.
std::string edgeLabel(const Service& to, const sema::Dependency& d, const char* separator) {
  if (d.ports.empty()) return "any port";
  std::string label;
  for (sema::PortId id : d.ports) {
    const sema::Port& p = to.ports[id];
    if (!label.empty()) label += separator;
    label += std::string(sema::protocolName(p.protocol)) + " " + std::to_string(p.service_port);
  }
  return label;
}

// Labels carry user strings (ingress paths may hold any printable character), so each
// is written in the syntax's own escapes: a `"` or `]` in a path must not end the label
// and start a node or an edge of the reader's choosing.
// DOT: inside a quoted string only `\"` and `\\` are escapes; in a label `\n` is a line
// break and `\l`, `\N`, `\G` mean other things, so every backslash is doubled; and
// Graphviz decodes HTML entities in every label, so `&` is written `&amp;`.
std::string dotText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

// Mermaid: a quoted label has no backslash escapes; characters are written as entity
// codes (`#quot;`, `#35;`), which Mermaid decodes when it renders. `<` and `&` too,
// because labels are HTML, `#` so that text like `#quot;` in a path stays literal, and
// `\` and `` ` `` so that neither starts an escape or a Markdown string.
std::string mermaidText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '"':
        out += "#quot;";
        break;
      case '#':
        out += "#35;";
        break;
      case '<':
        out += "#lt;";
        break;
      case '>':
        out += "#gt;";
        break;
      case '&':
        out += "#amp;";
        break;
      case '`':
        out += "#96;";
        break;
      case '\\':
        out += "#92;";
        break;
      case '\n':
        out += "<br/>";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<size_t> startPositions(const Model& m) {
  std::vector<size_t> position(m.services.size(), 0);
  for (size_t i = 0; i < m.start_order.size(); ++i) position[m.start_order[i]] = i + 1;
  return position;
}

std::string ingressText(const sema::Ingress& in) { return "ingress " + in.host + in.path; }

std::string dot(const Model& m) {
  std::vector<size_t> start = startPositions(m);
  std::string name = m.app.name.empty() ? "app" : m.app.name;
  std::string out = "digraph \"" + dotText(name) +
                    "\" {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n" +
                    "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (const Service& s : m.services) {
    out += "  \"" + dotText(s.name) + "\" [label=\"" + std::to_string(start[&s - m.services.data()]) + ". " +
           dotText(s.name);
    if (s.ingress) out += "\\n" + dotText(ingressText(*s.ingress)) + "\", style=bold, peripheries=2";
    else out += "\"";
    out += "];\n";
  }
  for (const Service& s : m.services) {
    for (const sema::Dependency& d : s.dependencies) {
      const Service& to = m.services[d.service];
      out += "  \"" + dotText(s.name) + "\" -> \"" + dotText(to.name) + "\" [label=\"" + edgeLabel(to, d, "\\n") +
             "\"];\n";
    }
  }
  return out + "}\n";
}

std::string mermaid(const Model& m) {
  std::vector<size_t> start = startPositions(m);
  std::string out = "flowchart LR\n";
  for (const Service& s : m.services) {
    size_t id = &s - m.services.data();
    std::string label = std::to_string(start[id]) + ". " + mermaidText(s.name);
    // A stadium shape marks what an ingress exposes.
    if (s.ingress)
      out += "  s" + std::to_string(id) + "([\"" + label + "<br/>" + mermaidText(ingressText(*s.ingress)) + "\"])\n";
    else out += "  s" + std::to_string(id) + "[\"" + label + "\"]\n";
  }
  for (const Service& s : m.services) {
    for (const sema::Dependency& d : s.dependencies) {
      out += "  s" + std::to_string(&s - m.services.data()) + " -->|\"" + edgeLabel(m.services[d.service], d, ", ") +
             "\"| s" + std::to_string(d.service) + "\n";
    }
  }
  return out;
}

std::string json(const Model& m) {
  std::vector<size_t> start = startPositions(m);
  nlohmann::ordered_json services = nlohmann::ordered_json::array(), edges = nlohmann::ordered_json::array();
  for (const Service& s : m.services) {
    nlohmann::ordered_json node = {{"name", s.name}, {"start", start[&s - m.services.data()]}};
    if (s.ingress) {
      node["ingress"] = {{"host", s.ingress->host}, {"path", s.ingress->path}, {"port", s.ports[s.ingress->port].name}};
    }
    services.push_back(std::move(node));
    for (const sema::Dependency& d : s.dependencies) {
      const Service& to = m.services[d.service];
      nlohmann::ordered_json ports = nlohmann::ordered_json::array();
      for (sema::PortId id : d.ports) {
        const sema::Port& p = to.ports[id];
        ports.push_back({{"name", p.name}, {"protocol", sema::protocolName(p.protocol)}, {"port", p.service_port}});
      }
      edges.push_back({{"from", s.name}, {"to", to.name}, {"ports", std::move(ports)}});
    }
  }
  nlohmann::ordered_json order = nlohmann::ordered_json::array();
  for (sema::ServiceId id : m.start_order) order.push_back(m.services[id].name);
  nlohmann::ordered_json doc = {{"services", services}, {"edges", edges}, {"start_order", order}};
  return doc.dump(2) + "\n";
}

}  // namespace

std::string renderGraph(const Model& model, const std::string& format) {
  if (format == "mermaid") return mermaid(model);
  if (format == "json") return json(model);
  return dot(model);
}

CLI::App* addGraphCommand(CLI::App& app, GraphOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "graph", "Print the dependency graph: ports and protocols on the edges, ingress marked, start order");
  cmd->add_option("paths", o.paths, "files, or directories searched recursively for *.svc")->required();
  cmd->add_option("--format", o.format, "dot (Graphviz), mermaid (a flowchart) or json")
      ->check(CLI::IsMember({"dot", "mermaid", "json"}))
      ->capture_default_str();
  cmd->add_option("--profile", o.sema.profile, "apply this profile of the app last");
  cmd->add_option("--stdlib", o.sema.modules.stdlib_dir,
                  "read `import std.NAME` from DIR/std/NAME.svc instead of the embedded library");
  return cmd;
}

ExitCode runGraph(const GraphOptions& options, const Output& io) {
  Compilation c;
  check(options.paths, c, options.sema);
  io.err << renderTextAll(c.diags, c.sources, TextStyle{io.color});
  if (c.exitCode() != kExitOk) return c.exitCode();
  io.out << renderGraph(c.model, options.format);
  return kExitOk;
}

}  // namespace svcc
