// The grammar of `.svc` files (docs/language.md). No embedded actions: the parse tree
// is turned into ast::File by compiler/parse/ast_builder.cpp.
//
// Newlines separate statements. The token filter in compiler/parse/token_filter.cpp
// drops the newlines that cannot end a statement (inside `(…)` and `[…]`, after `{` `,`
// `(` `[`, before `}` `)` `]`, and repeated ones), so the rules below only see NL where
// a separator may stand. Keywords are contextual: `name` accepts every one of them.
grammar Svc;

// Lists allow any separators; the AST builder reports two items with none between them
// (E0114), which keeps error recovery inside the list.
file : (decl | NL | SEMI)* EOF ;

decl
  : importDecl
  | appDecl
  | letDecl
  | templateDecl
  | profileDecl
  | kindDecl
  ;

importDecl   : IMPORT (STRING | path) ;
appDecl      : APP name block ;
letDecl      : LET name ASSIGN expr ;
templateDecl : TEMPLATE name (LPAREN (param (COMMA param)* COMMA?)? RPAREN)? bases? block ;
profileDecl  : PROFILE name block ;
// `service NAME`, and every kind to come (`job`, `external`, …): the kind is a word that
// sema checks (with "did you mean"), so a new kind changes neither parser.
kindDecl     : (SERVICE | NAME) name bases? block? ;

param : name COLON type (ASSIGN expr)? ;
type  : typeAtom (DOTDOT typeAtom)? ;
typeAtom : name | LBRACK type RBRACK ;

bases : COLON base (COMMA base)* ;
base  : path (LPAREN argList? RPAREN)? ;

// `KIND NAME { … }` (namedStmt: `volume data { … }`, and the named blocks to come) has its
// kind checked by sema against the field registry, so a new one changes neither parser.
block : LBRACE (stmt | NL | SEMI)* RBRACE ;

stmt
  : PORT name ASSIGN expr (ARROW expr)? block?   # portStmt
  | DEPENDS ON dependency (COMMA dependency)*    # dependsStmt
  | (VOLUME | NAME) name block                   # namedStmt
  | BUILD recipe                                 # buildStmt
  | STRING ASSIGN expr                           # keyStmt
  | path ASSIGN expr                             # assignStmt
  | blockPath block                              # blockStmt
  ;

// `depends on cart.grpc`, or `depends on ready(db)`: start once it accepts connections.
dependency : path (LPAREN argList? RPAREN)? ;

// `build { … }` is always a recipe, so a plain block path may not start with `build`.
blockPath
  : (NAME | IMPORT | APP | LET | TEMPLATE | SERVICE | PROFILE | PORT | DEPENDS | ON | VOLUME
    | FROM | WORKDIR | COPY | RUN | ENV | USER | STAGE | TRUE | FALSE)
    (DOT (NAME | IMPORT | APP | LET | TEMPLATE | SERVICE | PROFILE | PORT | DEPENDS | ON | VOLUME
      | FROM | WORKDIR | COPY | RUN | ENV | USER | STAGE | TRUE | FALSE | BUILD))*
  ;

recipe : LBRACE (step | NL | SEMI)* RBRACE ;

step
  : FROM expr                     # fromStep
  | WORKDIR expr                  # workdirStep
  | COPY FROM name expr expr      # copyFromStep
  | COPY expr expr                # copyStep
  | RUN expr                      # runStep
  | ENV name ASSIGN expr          # envStep
  | USER expr                     # userStep
  | STAGE name recipe             # stageStep
  ;

expr : atom (DOTDOT atom)? ;

atom
  : STRING                                     # stringAtom
  | MINUS? (INT | DECIMAL | QUANTITY | PERCENT | BAD_NUMBER)  # numberAtom
  | (TRUE | FALSE)                             # boolAtom
  | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK # listAtom
  | path (LPAREN argList? RPAREN)?             # refAtom
  ;

argList : arg (COMMA arg)* COMMA? ;
arg     : (name ASSIGN)? expr ;

// A reference never starts with `true` or `false`: those are booleans.
path
  : (NAME | IMPORT | APP | LET | TEMPLATE | SERVICE | PROFILE | PORT | DEPENDS | ON | VOLUME
    | FROM | WORKDIR | COPY | RUN | ENV | USER | STAGE | BUILD)
    (DOT (NAME | IMPORT | APP | LET | TEMPLATE | SERVICE | PROFILE | PORT | DEPENDS | ON | VOLUME
      | FROM | WORKDIR | COPY | RUN | ENV | USER | STAGE | TRUE | FALSE | BUILD))*
  ;

// Every keyword is also a name. The lists are spelt out (here and in `path` and
// `blockPath`) because a token set costs no parse-tree node: names are most of the tokens.
name
  : NAME | IMPORT | APP | LET | TEMPLATE | SERVICE | PROFILE | PORT | DEPENDS | ON | VOLUME
  | FROM | WORKDIR | COPY | RUN | ENV | USER | STAGE | TRUE | FALSE | BUILD
  ;

// ---- lexer ----

IMPORT   : 'import' ;
APP      : 'app' ;
LET      : 'let' ;
TEMPLATE : 'template' ;
SERVICE  : 'service' ;
PROFILE  : 'profile' ;
PORT     : 'port' ;
DEPENDS  : 'depends' ;
ON       : 'on' ;
VOLUME   : 'volume' ;
BUILD    : 'build' ;
FROM     : 'from' ;
WORKDIR  : 'workdir' ;
COPY     : 'copy' ;
RUN      : 'run' ;
ENV      : 'env' ;
USER     : 'user' ;
STAGE    : 'stage' ;
TRUE     : 'true' ;
FALSE    : 'false' ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
ASSIGN : '=' ;
COLON  : ':' ;
COMMA  : ',' ;
SEMI   : ';' ;
ARROW  : '->' ;
DOTDOT : '..' ;
DOT    : '.' ;
MINUS  : '-' ;

// `1..2` lexes as INT DOTDOT INT: a DECIMAL needs a digit after its dot.
PERCENT  : DIGITS ('.' DIGITS)? '%' ;
QUANTITY : DIGITS ('.' DIGITS)? [a-zA-Z_] [a-zA-Z0-9_]* ;
DECIMAL  : DIGITS '.' DIGITS ;
INT      : DIGITS ;
// `1.2.3`: one bad token (reported as an invalid number) instead of three good ones.
BAD_NUMBER : DIGITS '.' DIGITS ('.' DIGITS)+ ;

// A name does not end in `-`, so that `port->x` lexes as `port` `->` `x`.
NAME : [a-zA-Z] ([a-zA-Z0-9_-]* [a-zA-Z0-9_])? ;

// Escapes and `${…}` are decoded (and checked) by the AST builder.
STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'? ;

LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
// Cannot contain `*/`, so it only wins when the comment never ends.
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* -> channel(HIDDEN) ;

NL : '\r'? '\n' | '\r' ;
WS : [ \t\f]+ -> skip ;

ERROR_CHAR : . ;

fragment DIGITS : [0-9]+ ;
