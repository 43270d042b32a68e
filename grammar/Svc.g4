grammar Svc;
file : EOF ;
WS : [ \t\r\n]+ -> skip ;
