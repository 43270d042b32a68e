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

std::vector<PodMount> podMounts(const Service& s) {
  std::vector<PodMount> out;
  out.reserve(s.volumes.size() + s.scratch.size() + s.configs.size());
  for (const Volume& v : s.volumes) out.push_back({"volume", v.name, v.mount, v.span});
  for (const Scratch& sc : s.scratch) out.push_back({"scratch", sc.name, sc.mount, sc.span});
  for (const ConfigFiles& c : s.configs) out.push_back({"config", c.name, c.mount, c.span});
  return out;
}

}  // namespace svcc::sema
