#include "socialcure/core/error.hpp"

#include <utility>

#include "socialcure/core/number.hpp"

namespace socialcure {

namespace {
// Control characters (a line break inside a quoted field, say) are shown escaped, so that a
// message stays on one line.
std::string printable(const std::string& value) {
  std::string out;
  for (char c : value) {
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\x";
          out += hex[(c >> 4) & 0xf];
          out += hex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

std::string location::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += printable(file);
    if (line > 0) {
      out.push_back(':');
      out += std::to_string(line);
    }
  } else if (line > 0) {
    out += "line ";
    out += std::to_string(line);
  }
  auto add = [&out](const char* label, const std::string& value) {
    if (value.empty()) return;
    out += out.empty() ? "" : (out.back() == ':' ? " " : ", ");
    out += label;
    out += " '" + printable(value) + "'";
  };
  if (!out.empty()) out += ":";
  add("column", column);
  add("respondent", respondent);
  add("item", item);
  if (!out.empty() && out.back() == ':') out.pop_back();
  return out;
}

namespace {
std::string compose(const location& where, const std::string& what, const std::string& value,
                    const std::string& allowed) {
  std::string message = where.to_string();
  if (!message.empty()) message += ": ";
  message += what;
  if (!value.empty()) message += ": \"" + printable(value) + "\"";
  if (!allowed.empty()) message += " (allowed: " + allowed + ")";
  return message;
}
}  // namespace

data_error::data_error(location where, const std::string& what, std::string value, std::string allowed)
    : std::runtime_error(compose(where, what, value, allowed)),
      where_(std::move(where)),
      problem_(what),
      value_(std::move(value)),
      allowed_(std::move(allowed)) {}

void check_level(double level, std::string_view who) {
  if (!(level > 0.0 && level < 1.0)) {
    throw argument_error(std::string(who) + ": level " + format_number(level) + " is outside (0, 1)");
  }
}

}  // namespace socialcure
