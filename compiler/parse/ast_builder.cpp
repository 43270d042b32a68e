#include "parse/ast_builder.h"

#include <fmt/format.h>

#include "parse/literals.h"

namespace svcc::parse {

namespace {

using P = svcc_gen::SvcParser;
using antlr4::ParserRuleContext;
using antlr4::Token;
using antlr4::tree::TerminalNode;

class Builder {
 public:
  Builder(const SpanMaker& spans, const SyntaxErrors& errors, Diagnostics& diags)
      : spans_(spans), errors_(errors), diags_(diags) {}

  void file(P::FileContext* ctx, ast::File& out) {
    checkSeparators(ctx, "declaration");
    std::vector<P::DeclContext*> decls = ctx->decl();
    out.decls.reserve(decls.size());
    for (P::DeclContext* d : decls) {
      if (auto* importCtx = d->importDecl()) {
        out.decls.push_back(importDecl(importCtx));
      } else if (auto* appCtx = d->appDecl()) {
        out.decls.push_back(ast::App{span(appCtx), name(appCtx->name()), block(appCtx->block())});
      } else if (auto* letCtx = d->letDecl()) {
        out.decls.push_back(ast::Let{span(letCtx), name(letCtx->name()), expr(letCtx->expr())});
      } else if (auto* templateCtx = d->templateDecl()) {
        out.decls.push_back(templateDecl(templateCtx));
      } else if (auto* profileCtx = d->profileDecl()) {
        out.decls.push_back(ast::Profile{span(profileCtx), name(profileCtx->name()), block(profileCtx->block())});
      } else if (auto* kindCtx = d->kindDecl()) {
        Span kind = spans_.of(kindCtx->getStart());
        out.decls.push_back(ast::Service{span(kindCtx),
                                         {text(kind), kind},
                                         name(kindCtx->name()),
                                         bases(kindCtx->bases()),
                                         block(kindCtx->block())});
      }
    }
  }

 private:
  Span span(ParserRuleContext* ctx) const {
    Token* start = ctx->getStart();
    Token* stop = ctx->getStop();
    if (!stop || stop->getTokenIndex() < start->getTokenIndex()) {
      uint32_t at = spans_.of(start).begin;
      return {spans_.file, at, at};
    }
    return spans_.between(start, stop);
  }
  // The grammar lets list items follow each other directly, so that recovery stays in the
  // list; two items with no newline or `;` between them are reported here.
  void checkSeparators(ParserRuleContext* list, const char* what) {
    bool item_before = false;
    size_t item_line = 0;
    for (antlr4::tree::ParseTree* child : list->children) {
      auto* item = dynamic_cast<ParserRuleContext*>(child);
      if (!item) {
        item_before = false;  // a separator, a brace or an error node
        continue;
      }
      Token* first = item->getStart();
      if (item_before && !item->exception && !errors_.lineHasError(item_line) &&
          !errors_.lineHasError(first->getLine())) {
        diags_
            .report(Code::E0114, spans_.of(first),
                    fmt::format("expected a new line or `;` before `{}`", text(spans_.of(first))))
            .label(fmt::format("a new {} starts here", what))
            .withHelp(fmt::format("put each {} on its own line, or separate them with `;`", what));
      }
      item_before = true;
      item_line = item->getStop() ? item->getStop()->getLine() : first->getLine();
    }
  }

  Span span(TerminalNode* node) const { return spans_.of(node->getSymbol()); }
  std::string text(const Span& s) const { return spans_.source.substr(s.begin, s.size()); }

  // Recovery may leave a rule without its tokens: then the name is empty.
  ast::Ident name(ParserRuleContext* ctx) const {
    if (!ctx || ctx->exception || ctx->children.empty()) return {};
    Span s = span(ctx);
    return {text(s), s};
  }
  ast::Ident ident(TerminalNode* node) const {
    if (!node) return {};
    Span s = span(node);
    return {text(s), s};
  }

  // `path` and `blockPath` hold their names as tokens, with `.` between them.
  ast::Path path(ParserRuleContext* ctx) const {
    ast::Path out;
    if (!ctx) return out;
    for (antlr4::tree::ParseTree* child : ctx->children) {
      auto* token = dynamic_cast<TerminalNode*>(child);
      if (!token || dynamic_cast<antlr4::tree::ErrorNode*>(child) || token->getSymbol()->getType() == P::DOT) continue;
      out.push_back(ident(token));
    }
    return out;
  }

  // A quoted map key, decoded: a key is text, so `${…}` has no place in it.
  ast::Ident quotedKey(TerminalNode* token) {
    Span s = span(token);
    ast::Expr decoded = decodeString(text(s), s, diags_);
    ast::Ident out{"", s};
    for (const ast::StringPart& part : decoded.parts) {
      if (part.is_interpolation) {
        diags_.report(Code::E0106, part.span, "a quoted key cannot interpolate")
            .label("`${…}` in a key")
            .withHelp("write the key as plain text; only values take `${…}`");
        continue;
      }
      out.text += part.text;
    }
    return out;
  }

  ast::Import importDecl(P::ImportDeclContext* ctx) {
    ast::Import out;
    out.span = span(ctx);
    if (TerminalNode* s = ctx->STRING()) {
      out.is_path = true;
      out.path_span = span(s);
      ast::Expr decoded = decodeString(text(out.path_span), out.path_span, diags_);
      for (const ast::StringPart& part : decoded.parts) out.path += part.text;
    } else {
      out.module = path(ctx->path());
    }
    return out;
  }

  ast::Template templateDecl(P::TemplateDeclContext* ctx) {
    ast::Template out;
    out.span = span(ctx);
    out.name = name(ctx->name());
    for (P::ParamContext* p : ctx->param()) {
      ast::Param param;
      param.span = span(p);
      param.name = name(p->name());
      if (p->type()) param.type = type(p->type());
      if (p->expr()) param.default_value = expr(p->expr());
      out.params.push_back(std::move(param));
    }
    out.bases = bases(ctx->bases());
    out.body = block(ctx->block());
    return out;
  }

  ast::TypeRef type(P::TypeContext* ctx) const {
    std::vector<P::TypeAtomContext*> atoms = ctx->typeAtom();
    if (atoms.size() == 2) {
      ast::TypeRef out;
      out.kind = ast::TypeRef::Kind::Range;
      out.span = span(ctx);
      out.elems = {typeAtom(atoms[0]), typeAtom(atoms[1])};
      return out;
    }
    return atoms.empty() ? ast::TypeRef{} : typeAtom(atoms[0]);
  }

  ast::TypeRef typeAtom(P::TypeAtomContext* ctx) const {
    ast::TypeRef out;
    out.span = span(ctx);
    if (ctx->type()) {
      out.kind = ast::TypeRef::Kind::List;
      out.elems.push_back(type(ctx->type()));
    } else {
      out.name = name(ctx->name());
    }
    return out;
  }

  std::vector<ast::BaseRef> bases(P::BasesContext* ctx) {
    std::vector<ast::BaseRef> out;
    if (!ctx) return out;
    for (P::BaseContext* b : ctx->base()) {
      ast::BaseRef base;
      base.span = span(b);
      base.path = path(b->path());
      base.has_parens = b->LPAREN() != nullptr;
      base.args = args(b->argList());
      out.push_back(std::move(base));
    }
    return out;
  }

  std::vector<ast::Arg> args(P::ArgListContext* ctx) {
    std::vector<ast::Arg> out;
    if (!ctx) return out;
    for (P::ArgContext* a : ctx->arg()) {
      ast::Arg arg;
      arg.span = span(a);
      if (a->name()) arg.name = name(a->name());
      arg.value = expr(a->expr());
      out.push_back(std::move(arg));
    }
    return out;
  }

  ast::Block block(P::BlockContext* ctx) {
    ast::Block out;
    if (!ctx) return out;
    out.present = true;
    out.span = span(ctx);
    checkSeparators(ctx, "statement");
    std::vector<P::StmtContext*> stmts = ctx->stmt();
    out.stmts.reserve(stmts.size());
    for (P::StmtContext* s : stmts) out.stmts.push_back(stmt(s));
    return out;
  }

  ast::Stmt stmt(P::StmtContext* ctx) {
    ast::Stmt out;
    out.span = span(ctx);
    if (auto* keyStmtCtx = dynamic_cast<P::KeyStmtContext*>(ctx)) {
      out.kind = ast::StmtKind::Assign;
      out.quoted_key = true;
      out.path.push_back(quotedKey(keyStmtCtx->STRING()));
      out.value = expr(keyStmtCtx->expr());
    } else if (auto* assignStmtCtx = dynamic_cast<P::AssignStmtContext*>(ctx)) {
      out.kind = ast::StmtKind::Assign;
      out.path = path(assignStmtCtx->path());
      out.value = expr(assignStmtCtx->expr());
    } else if (auto* blockStmtCtx = dynamic_cast<P::BlockStmtContext*>(ctx)) {
      out.kind = ast::StmtKind::Block;
      out.path = path(blockStmtCtx->blockPath());
      out.body = block(blockStmtCtx->block());
    } else if (auto* portStmtCtx = dynamic_cast<P::PortStmtContext*>(ctx)) {
      out.kind = ast::StmtKind::Port;
      out.keyword = ident(portStmtCtx->PORT());
      out.path.push_back(name(portStmtCtx->name()));
      std::vector<P::ExprContext*> values = portStmtCtx->expr();
      out.value = values.empty() ? ast::Expr{} : expr(values[0]);
      if (values.size() > 1) out.target = expr(values[1]);
      out.body = block(portStmtCtx->block());
    } else if (auto* dependsStmtCtx = dynamic_cast<P::DependsStmtContext*>(ctx)) {
      out.kind = ast::StmtKind::DependsOn;
      out.keyword = ident(dependsStmtCtx->DEPENDS());
      out.refs.emplace();
      for (P::DependencyContext* d : dependsStmtCtx->dependency()) {
        ast::Expr ref;
        ref.kind = d->LPAREN() ? ast::ExprKind::Call : ast::ExprKind::Ref;
        ref.span = span(d);
        ref.path = path(d->path());
        if (d->LPAREN()) ref.args = args(d->argList());
        out.refs->push_back(std::move(ref));
      }
    } else if (auto* namedStmtCtx = dynamic_cast<P::NamedStmtContext*>(ctx)) {
      out.kind = ast::StmtKind::Named;
      out.keyword = ast::Ident{text(spans_.of(namedStmtCtx->getStart())), spans_.of(namedStmtCtx->getStart())};
      out.path.push_back(name(namedStmtCtx->name()));
      out.body = block(namedStmtCtx->block());
    } else if (auto* buildStmtCtx = dynamic_cast<P::BuildStmtContext*>(ctx)) {
      out.kind = ast::StmtKind::Build;
      out.keyword = ident(buildStmtCtx->BUILD());
      out.steps.emplace();
      if (buildStmtCtx->recipe()) {
        out.body.present = true;
        out.body.span = span(buildStmtCtx->recipe());
        out.steps = steps(buildStmtCtx->recipe());
      }
    }
    return out;
  }

  std::vector<ast::BuildStep> steps(P::RecipeContext* ctx) {
    std::vector<ast::BuildStep> out;
    checkSeparators(ctx, "step");
    for (P::StepContext* s : ctx->step()) out.push_back(step(s));
    return out;
  }

  ast::BuildStep step(P::StepContext* ctx) {
    ast::BuildStep out;
    out.span = span(ctx);
    out.keyword = {text(spans_.of(ctx->getStart())), spans_.of(ctx->getStart())};
    auto one = [&](ast::StepKind kind, P::ExprContext* e) {
      out.kind = kind;
      out.args.push_back(expr(e));
    };
    if (auto* fromStepCtx = dynamic_cast<P::FromStepContext*>(ctx)) {
      one(ast::StepKind::From, fromStepCtx->expr());
    } else if (auto* workdirStepCtx = dynamic_cast<P::WorkdirStepContext*>(ctx)) {
      one(ast::StepKind::Workdir, workdirStepCtx->expr());
    } else if (auto* runStepCtx = dynamic_cast<P::RunStepContext*>(ctx)) {
      one(ast::StepKind::Run, runStepCtx->expr());
    } else if (auto* userStepCtx = dynamic_cast<P::UserStepContext*>(ctx)) {
      one(ast::StepKind::User, userStepCtx->expr());
    } else if (auto* copyStepCtx = dynamic_cast<P::CopyStepContext*>(ctx)) {
      out.kind = ast::StepKind::Copy;
      for (P::ExprContext* e : copyStepCtx->expr()) out.args.push_back(expr(e));
    } else if (auto* copyFromStepCtx = dynamic_cast<P::CopyFromStepContext*>(ctx)) {
      out.kind = ast::StepKind::CopyFrom;
      out.name = name(copyFromStepCtx->name());
      for (P::ExprContext* e : copyFromStepCtx->expr()) out.args.push_back(expr(e));
    } else if (auto* envStepCtx = dynamic_cast<P::EnvStepContext*>(ctx)) {
      out.kind = ast::StepKind::Env;
      out.name = name(envStepCtx->name());
      out.args.push_back(expr(envStepCtx->expr()));
    } else if (auto* stageStepCtx = dynamic_cast<P::StageStepContext*>(ctx)) {
      out.kind = ast::StepKind::Stage;
      out.name = name(stageStepCtx->name());
      if (stageStepCtx->recipe()) {
        out.body_span = span(stageStepCtx->recipe());
        out.steps = steps(stageStepCtx->recipe());
      }
    }
    return out;
  }

  ast::Expr expr(P::ExprContext* ctx) {
    if (!ctx || ctx->exception) return errorExpr(ctx);
    std::vector<P::AtomContext*> atoms = ctx->atom();
    if (atoms.size() == 2) {
      ast::Expr out;
      out.kind = ast::ExprKind::Range;
      out.span = span(ctx);
      out.items = {atom(atoms[0]), atom(atoms[1])};
      return out;
    }
    return atoms.empty() ? errorExpr(ctx) : atom(atoms[0]);
  }

  ast::Expr errorExpr(ParserRuleContext* ctx) const {
    ast::Expr out;
    if (ctx) out.span = span(ctx);
    return out;
  }

  ast::Expr atom(P::AtomContext* ctx) {
    if (!ctx || ctx->exception) return errorExpr(ctx);
    if (auto* stringAtomCtx = dynamic_cast<P::StringAtomContext*>(ctx)) {
      Span s = span(stringAtomCtx);
      return decodeString(text(s), s, diags_);
    }
    if (auto* numberAtomCtx = dynamic_cast<P::NumberAtomContext*>(ctx)) return number(numberAtomCtx);
    if (auto* boolAtomCtx = dynamic_cast<P::BoolAtomContext*>(ctx)) {
      ast::Expr out;
      out.kind = ast::ExprKind::Bool;
      out.span = span(boolAtomCtx);
      out.bool_value = boolAtomCtx->TRUE() != nullptr;
      return out;
    }
    if (auto* listAtomCtx = dynamic_cast<P::ListAtomContext*>(ctx)) {
      ast::Expr out;
      out.kind = ast::ExprKind::List;
      out.span = span(listAtomCtx);
      for (P::ExprContext* e : listAtomCtx->expr()) out.items.push_back(expr(e));
      return out;
    }
    auto* refAtomCtx = dynamic_cast<P::RefAtomContext*>(ctx);
    if (!refAtomCtx) return errorExpr(ctx);
    ast::Expr out;
    out.span = span(refAtomCtx);
    out.path = path(refAtomCtx->path());
    out.kind = refAtomCtx->LPAREN() ? ast::ExprKind::Call : ast::ExprKind::Ref;
    if (refAtomCtx->LPAREN()) out.args = args(refAtomCtx->argList());
    return out;
  }

  ast::Expr number(P::NumberAtomContext* ctx) {
    Token* literal = ctx->getStop();
    if (!literal || literal->getType() == P::MINUS) return errorExpr(ctx);
    Span digits = spans_.of(literal);
    ast::Expr out = decodeNumber(text(digits), digits, diags_);
    out.span = span(ctx);
    if (ctx->MINUS() && out.kind != ast::ExprKind::Error) out.text = "-" + out.text;
    return out;
  }

  const SpanMaker& spans_;
  const SyntaxErrors& errors_;
  Diagnostics& diags_;
};

}  // namespace

void buildAst(P::FileContext* tree, const SpanMaker& spans, const SyntaxErrors& errors, Diagnostics& diags,
              ast::File& out) {
  Builder(spans, errors, diags).file(tree, out);
}

}  // namespace svcc::parse
