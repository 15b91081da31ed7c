#include "socialcure/core/error.hpp"

#include <utility>

namespace socialcure {

std::string location::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file;
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
    out += " '" + value + "'";
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
  if (!value.empty()) message += ": \"" + value + "\"";
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

}  // namespace socialcure
