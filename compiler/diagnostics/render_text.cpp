#include <algorithm>
#include <map>

#include "base/utf8.h"
#include "diagnostics/display_line.h"
#include "diagnostics/render.h"

namespace svcc {

namespace {

enum class Paint { None, Severity, Secondary, Gutter, Bold, Note, Help };

// Messages, labels and notes quote the user's values (an image reference, a path, a
// file's name), which may hold line breaks or terminal escapes: shown as a source line
// is, with control pictures, so a value cannot rewrite a terminal or fake a CI log line.
std::string printable(std::string_view text) { return layoutLine(text).text; }

class Painter {
 public:
  Painter(bool color, Severity severity) : color_(color), severity_(severity) {}

  std::string operator()(Paint paint, std::string_view text) const {
    if (!color_ || paint == Paint::None || text.empty()) return std::string(text);
    return std::string(code(paint)) + std::string(text) + "\x1b[0m";
  }

 private:
  const char* code(Paint paint) const {
    switch (paint) {
      case Paint::Severity:
        return severity_ == Severity::Error     ? "\x1b[1;31m"
               : severity_ == Severity::Warning ? "\x1b[1;33m"
                                                : "\x1b[1;32m";
      case Paint::Secondary:
      case Paint::Gutter:
        return "\x1b[1;34m";
      case Paint::Bold:
        return "\x1b[1m";
      case Paint::Note:
        return "\x1b[1;32m";
      case Paint::Help:
        return "\x1b[1;36m";
      case Paint::None:
        break;
    }
    return "";
  }

  bool color_;
  Severity severity_;
};

// One line of output under a source line, built cell by cell (one code point each) so
// that markers and labels can be placed at display columns.
class Row {
 public:
  void put(uint32_t column, std::string_view raw, Paint paint) {
    std::string text = printable(raw);
    for (size_t i = 0; i < text.size();) {
      size_t len = std::max<size_t>(1, utf8SequenceLength(text, i));
      if (cells_.size() <= column) cells_.resize(column + 1, {" ", Paint::None});
      cells_[column++] = {std::string(text.substr(i, len)), paint};
      i += len;
    }
  }
  uint32_t width() const { return static_cast<uint32_t>(cells_.size()); }

  std::string render(const Painter& paint) const {
    std::string out;
    for (size_t i = 0; i < cells_.size();) {
      size_t j = i;
      std::string run;
      while (j < cells_.size() && cells_[j].paint == cells_[i].paint) run += cells_[j++].text;
      out += paint(cells_[i].paint, run);
      i = j;
    }
    return out;
  }

 private:
  struct Cell {
    std::string text;
    Paint paint;
  };
  std::vector<Cell> cells_;
};

struct Mark {
  uint32_t line = 0;          // 1-based
  uint32_t column = 0;        // 1-based, in code points, for `-->` headers
  uint32_t begin_column = 0;  // 0-based display columns, end exclusive
  uint32_t end_column = 0;
  bool primary = false;
  const std::string* text = nullptr;
};

// Where a span is drawn. A span only underlines the line it starts on. An empty span
// at the end of a file that ends with a newline is drawn after the last line's text
// rather than on the empty line that follows it.
Mark placeMark(const SourceFile& file, const Span& span, bool primary, const std::string& text) {
  uint32_t size = static_cast<uint32_t>(file.text.size());
  uint32_t begin = std::min(span.begin, size);
  uint32_t end = std::clamp(span.end, begin, size);
  if (begin == size && begin > 0 && file.text[begin - 1] == '\n') begin = end = size - 1;
  Location loc = file.locate(begin);
  std::string_view line = file.lineText(loc.line);
  uint32_t line_start = begin - (loc.column - 1);
  size_t begin_in_line = std::min<size_t>(begin - line_start, line.size());
  size_t end_in_line = std::min<size_t>(end - line_start, line.size());
  DisplayLine layout = layoutLine(line);
  Mark mark;
  mark.line = loc.line;
  mark.column = codePointCount(line.substr(0, begin_in_line)) + 1;
  mark.begin_column = layout.columnAt(begin_in_line);
  mark.end_column = std::max(layout.columnAt(end_in_line), mark.begin_column + 1);
  mark.primary = primary;
  mark.text = &text;
  return mark;
}

struct FileGroup {
  FileId file = kNoFile;
  std::vector<Mark> marks;  // sorted by line, then column
};

// A fix-it shown as the patched line, when it fits on one line.
struct Suggestion {
  uint32_t line = 0;
  std::string patched;
  uint32_t begin_column = 0;
  uint32_t end_column = 0;
  char marker = '~';
};

std::optional<Suggestion> layoutSuggestion(const FixIt& fix, const SourceManager& sources) {
  if (!fix.span.valid() || fix.replacement.find('\n') != std::string::npos) return std::nullopt;
  const SourceFile& file = sources.file(fix.span.file);
  if (fix.span.end > file.text.size() || fix.span.end < fix.span.begin) return std::nullopt;
  Location begin = file.locate(fix.span.begin);
  Location end = file.locate(fix.span.end);
  std::string_view line = file.lineText(begin.line);
  if (end.line != begin.line || end.column - 1 > line.size()) return std::nullopt;
  Suggestion s;
  s.line = begin.line;
  bool deletion = fix.replacement.empty();
  std::string_view shown_part = deletion ? line.substr(begin.column - 1, end.column - begin.column) : fix.replacement;
  std::string prefix(line.substr(0, begin.column - 1));
  s.patched = deletion ? std::string(line) : prefix + fix.replacement + std::string(line.substr(end.column - 1));
  DisplayLine layout = layoutLine(s.patched);
  s.begin_column = layout.columnAt(prefix.size());
  s.end_column = std::max(layout.columnAt(prefix.size() + shown_part.size()), s.begin_column + 1);
  s.marker = deletion ? '-' : fix.span.size() == 0 ? '+' : '~';
  return s;
}

class TextRenderer {
 public:
  TextRenderer(const Diagnostic& d, const SourceManager& sources, const TextStyle& style)
      : d_(d), sources_(sources), paint_(style.color, d.severity) {}

  std::string render() {
    collect();
    header();
    for (size_t i = 0; i < groups_.size(); ++i) group(groups_[i], i == 0);
    trailer();
    suggestions();
    return std::move(out_);
  }

 private:
  void collect() {
    std::map<std::string_view, FileGroup> others;  // ordered by path
    FileGroup primary;
    if (d_.primary.span.valid()) {
      primary.file = d_.primary.span.file;
      primary.marks.push_back(placeMark(sources_.file(primary.file), d_.primary.span, true, d_.primary.text));
    }
    for (const Label& label : d_.secondary) {
      if (!label.span.valid()) continue;
      const SourceFile& file = sources_.file(label.span.file);
      FileGroup& g = label.span.file == primary.file ? primary : others[file.path];
      g.file = label.span.file;
      g.marks.push_back(placeMark(file, label.span, false, label.text));
    }
    if (primary.file != kNoFile) groups_.push_back(std::move(primary));
    for (auto& [path, g] : others) groups_.push_back(std::move(g));
    uint32_t max_line = 0;
    for (FileGroup& g : groups_) {
      std::stable_sort(g.marks.begin(), g.marks.end(), [](const Mark& a, const Mark& b) {
        return std::tie(a.line, a.begin_column) < std::tie(b.line, b.begin_column);
      });
      max_line = std::max(max_line, g.marks.back().line);
    }
    for (const FixIt& fix : d_.fixes) {
      std::optional<Suggestion> s = layoutSuggestion(fix, sources_);
      if (s) max_line = std::max(max_line, s->line);
      suggestions_.push_back({&fix, s});
    }
    width_ = static_cast<uint32_t>(std::to_string(std::max<uint32_t>(max_line, 1)).size());
  }

  void header() {
    std::string title = std::string(severityName(d_.severity)) + "[" + std::string(codeInfo(d_.code).id) + "]";
    out_ += paint_(Paint::Severity, title) + paint_(Paint::Bold, ": " + printable(d_.message)) + "\n";
  }

  void group(const FileGroup& g, bool first) {
    const Mark& shown = primaryMarkOr(g);
    if (!first) blankGutter();
    out_ += std::string(width_, ' ') + paint_(Paint::Gutter, first ? "--> " : "::: ") +
            printable(sources_.file(g.file).path) + ":" + std::to_string(shown.line) + ":" +
            std::to_string(shown.column) + "\n";
    blankGutter();
    const SourceFile& file = sources_.file(g.file);
    uint32_t previous = 0;
    for (size_t i = 0; i < g.marks.size();) {
      uint32_t line = g.marks[i].line;
      size_t j = i;
      while (j < g.marks.size() && g.marks[j].line == line) ++j;
      if (previous != 0 && line == previous + 2) sourceLine(line - 1, layoutLine(file.lineText(line - 1)).text);
      if (previous != 0 && line > previous + 2) out_ += "...\n";
      sourceLine(line, layoutLine(file.lineText(line)).text);
      markRows(std::vector<Mark>(g.marks.begin() + static_cast<long>(i), g.marks.begin() + static_cast<long>(j)));
      previous = line;
      i = j;
    }
  }

  static const Mark& primaryMarkOr(const FileGroup& g) {
    for (const Mark& m : g.marks) {
      if (m.primary) return m;
    }
    return g.marks.front();
  }

  void blankGutter() { out_ += std::string(width_ + 1, ' ') + paint_(Paint::Gutter, "|") + "\n"; }

  void gutterRow(const Row& row) {
    std::string text = row.render(paint_);
    out_ += std::string(width_ + 1, ' ') + paint_(Paint::Gutter, "|") + (text.empty() ? "" : " " + text) + "\n";
  }

  // Trailing blanks are dropped: golden files and editors would lose them anyway.
  void sourceLine(uint32_t line, std::string text) {
    text.erase(text.find_last_not_of(' ') + 1);
    std::string number = std::to_string(line);
    number.resize(width_, ' ');
    out_ += paint_(Paint::Gutter, number + " |") + (text.empty() ? "" : " " + text) + "\n";
  }

  // The marker row (`^` primary, `-` secondary) with the rightmost label beside it, then
  // one row per other label, hanging from `|` connectors as rustc draws them.
  void markRows(const std::vector<Mark>& marks) {
    Row markers;
    for (bool primary : {false, true}) {
      for (const Mark& m : marks) {
        if (m.primary != primary) continue;
        std::string run(m.end_column - m.begin_column, primary ? '^' : '-');
        markers.put(m.begin_column, run, primary ? Paint::Severity : Paint::Secondary);
      }
    }
    std::vector<const Mark*> labelled;
    for (const Mark& m : marks) {
      if (!m.text->empty()) labelled.push_back(&m);
    }
    auto paintOf = [](const Mark* m) { return m->primary ? Paint::Severity : Paint::Secondary; };
    if (!labelled.empty()) markers.put(markers.width() + 1, *labelled.back()->text, paintOf(labelled.back()));
    gutterRow(markers);
    if (labelled.size() < 2) return;
    labelled.pop_back();
    Row connectors;
    for (const Mark* m : labelled) connectors.put(m->begin_column, "|", paintOf(m));
    gutterRow(connectors);
    for (size_t k = labelled.size(); k-- > 0;) {
      Row row;
      for (size_t i = 0; i < k; ++i) row.put(labelled[i]->begin_column, "|", paintOf(labelled[i]));
      row.put(labelled[k]->begin_column, *labelled[k]->text, paintOf(labelled[k]));
      gutterRow(row);
    }
  }

  void trailer() {
    std::vector<std::pair<std::string, const std::string*>> lines;
    for (const Label& label : d_.secondary) {
      if (!label.span.valid() && !label.text.empty()) lines.push_back({"note", &label.text});
    }
    for (const std::string& note : d_.notes) lines.push_back({"note", &note});
    if (d_.help) lines.push_back({"help", &*d_.help});
    if (lines.empty()) return;
    blankGutter();
    for (const auto& [kind, text] : lines) {
      out_ += std::string(width_ + 1, ' ') + paint_(Paint::Gutter, "=") + " " + paint_(Paint::Bold, kind + ":");
      std::string indent(width_ + 3 + kind.size() + 2, ' ');
      size_t start = 0;
      for (bool first = true; start <= text->size(); first = false) {
        size_t newline = text->find('\n', start);
        std::string_view part =
            std::string_view(*text).substr(start, newline == std::string::npos ? std::string::npos : newline - start);
        out_ += (first ? (part.empty() ? "" : " ") : (part.empty() ? "" : indent)) + printable(part) + "\n";
        if (newline == std::string::npos) break;
        start = newline + 1;
      }
    }
  }

  void suggestions() {
    for (const auto& [fix, layout] : suggestions_) {
      std::string description = fix->description.empty() ? "replace with `" + fix->replacement + "`" : fix->description;
      out_ += paint_(Paint::Help, "help") + paint_(Paint::Bold, ": " + printable(description)) + "\n";
      if (!layout) continue;
      blankGutter();
      sourceLine(layout->line, layoutLine(layout->patched).text);
      Row row;
      row.put(layout->begin_column, std::string(layout->end_column - layout->begin_column, layout->marker),
              Paint::Help);
      gutterRow(row);
    }
  }

  const Diagnostic& d_;
  const SourceManager& sources_;
  Painter paint_;
  std::vector<FileGroup> groups_;
  std::vector<std::pair<const FixIt*, std::optional<Suggestion>>> suggestions_;
  uint32_t width_ = 1;
  std::string out_;
};

std::string plural(size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

}  // namespace

std::string renderText(const Diagnostic& d, const SourceManager& sources, const TextStyle& style) {
  return TextRenderer(d, sources, style).render();
}

std::string renderSummary(size_t errors, size_t warnings, const TextStyle& style) {
  if (errors == 0 && warnings == 0) return "";
  Painter paint(style.color, errors > 0 ? Severity::Error : Severity::Warning);
  std::string counts = errors == 0     ? plural(warnings, "warning")
                       : warnings == 0 ? plural(errors, "error")
                                       : plural(errors, "error") + " and " + plural(warnings, "warning");
  return paint(Paint::Severity, errors > 0 ? "error" : "warning") + paint(Paint::Bold, ": found " + counts) + "\n";
}

std::string renderTextAll(const Diagnostics& diags, const SourceManager& sources, const TextStyle& style) {
  std::string out;
  for (const Diagnostic& d : diags.all()) out += renderText(d, sources, style) + "\n";
  return out + renderSummary(diags.errorCount(), diags.warningCount(), style);
}

}  // namespace svcc
