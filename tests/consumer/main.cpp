// Uses the installed library: read a small CSV from memory and describe it.
#include <iostream>

#include <socialcure/core/version.hpp>
#include <socialcure/data/csv.hpp>
#include <socialcure/data/describe.hpp>

int main() {
  const socialcure::table t = socialcure::parse_csv("id,score\nA,1\nB,2\nC,NA\n", "inline.csv");
  const socialcure::table_summary s = socialcure::describe(t);
  if (s.columns.size() != 2 || s.columns[1].n != 2 || s.columns[1].mean != 1.5) return 1;
  std::cout << "consumer: read " << t.rows() << " rows with socialcure " << socialcure::version_string << "\n";
  return 0;
}
