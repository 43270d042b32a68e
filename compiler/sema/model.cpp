#include "sema/model.h"

namespace svcc::sema {

const char* protocolName(Protocol p) {
  switch (p) {
    case Protocol::Http:
      return "http";
    case Protocol::Grpc:
      return "grpc";
    case Protocol::Tcp:
      return "tcp";
    case Protocol::Udp:
      return "udp";
  }
  return "";
}

const char* attributeName(Attribute a) {
  switch (a) {
    case Attribute::None:
      return "";
    case Attribute::Host:
      return "host";
    case Attribute::Port:
      return "port";
    case Attribute::Address:
      return "address";
    case Attribute::Url:
      return "url";
  }
  return "";
}

}  // namespace svcc::sema
