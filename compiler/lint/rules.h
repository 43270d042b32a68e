// Phase: lint.
// What every rule reads (the Program, the Model, the sources) and reports into, and the
// rules themselves, one function per family; lint.cpp runs them in order.
#pragma once

#include <string_view>
#include <vector>

#include "ast/ast.h"
#include "base/source.h"
#include "diagnostics/diagnostic.h"
#include "sema/model.h"
#include "sema/modules.h"

namespace svcc::lint {

struct Context {
  const sema::Program& program;
  const sema::Model& model;
  const SourceManager& sources;
  Diagnostics& diags;

  bool inUserFile(Span span) const { return span.valid() && !sources.file(span.file).is_stdlib; }
  // Where to report something about `service` that was written at `span`: there when it
  // is in the user's files, else (a value from a standard-library template) at the
  // service's name, which the user wrote.
  Span at(const sema::Service& service, Span span) const { return inUserFile(span) ? span : service.span; }
  // Per service (by ServiceId): its declaration, whether another service depends on it,
  // and on which of its ports.
  std::vector<const ast::Service*> decls;
  std::vector<bool> depended_on;
  std::vector<std::vector<bool>> port_used;
};

// W1001 no health check, W1002 no resources, W1003 one replica behind an ingress,
// W1004 unpinned image, W1005 opted-out secure default, W1011 assumed image user,
// W1012 `$(NAME)` kept literal.
void serviceRules(const Context& c, sema::ServiceId id);
// W1011 for a service, or an init or sidecar container with an image of its own.
// `runs`: who runs as the assumed user ("the pod", "the container").
void assumedImageUser(const Context& c, const sema::Service& s, std::string_view runs);
// W1006 unused template, W1007 unused let (declarations of the user's files).
void declarationRules(const Context& c);
// W1008 unused port, W1009 orphan service, W1010 dependency without a health check.
void graphRules(const Context& c, sema::ServiceId id);
// W1017 a literal credential in env.
void credentialRules(const Context& c, sema::ServiceId id);
// W1014 compose starts a dependent without waiting for health (no tool for the check).
void composeRules(const Context& c, sema::ServiceId id);
// W1018 a liveness probe that gives up sooner than readiness.
void probeRules(const Context& c, sema::ServiceId id);
// W1019 a shutdown setting one output cannot carry, W1020 an added capability beyond
// Pod Security "restricted", W1021 a pod field compose has no value for, W1022 a scratch
// the pod's containers share, which compose cannot; and W1011 and W1021 for the pod's
// init and sidecar containers.
void podRules(const Context& c, sema::ServiceId id);
// W1023 a misspelt well-known annotation key, W1024 an annotation that undoes a secure
// default (seccomp or AppArmor `unconfined`), on every object of the service.
void metadataRules(const Context& c, sema::ServiceId id);
// ... and on the app's annotations, which every object carries.
void appMetadataRules(const Context& c);

}  // namespace svcc::lint
