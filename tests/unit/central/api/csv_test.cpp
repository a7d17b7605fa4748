// CSV as RFC 4180 writes it: CRLF rows, quoting only where needed, quotes doubled.
#include "central/api/csv.h"

#include <gtest/gtest.h>

namespace costgate::central {
namespace {

TEST(CsvWriter, PlainFieldsAreWrittenAsTheyAreWithCrlfRows) {
  CsvWriter csv;
  csv.Row({"day", "model", "cost_usd"});
  csv.Row({"2025-11-22", "gemini-2.5-pro", "0.0217"});
  EXPECT_EQ(csv.text(), "day,model,cost_usd\r\n2025-11-22,gemini-2.5-pro,0.0217\r\n");
}

TEST(CsvWriter, QuotesFieldsWithCommaQuoteOrLineBreaks) {
  CsvWriter csv;
  csv.Row({"Ford, Inc.", "say \"hi\"", "two\nlines", "cr\rhere", "crlf\r\n"});
  EXPECT_EQ(csv.text(),
            "\"Ford, Inc.\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\"crlf\r\n\"\r\n");
}

TEST(CsvWriter, QuotesLeadingOrTrailingSpaces) {
  CsvWriter csv;
  csv.Row({" a", "b ", "c d"});
  EXPECT_EQ(csv.text(), "\" a\",\"b \",c d\r\n");
}

TEST(CsvWriter, EmptyFieldsStayEmptyButALoneOneIsQuoted) {
  CsvWriter csv;
  csv.Row({"", "x", ""});
  csv.Row({""});
  EXPECT_EQ(csv.text(), ",x,\r\n\"\"\r\n");
}

TEST(CsvWriter, FieldByFieldEqualsRow) {
  CsvWriter one;
  one.Field("a");
  one.Field("b,c");
  one.EndRow();
  CsvWriter two;
  two.Row({"a", "b,c"});
  EXPECT_EQ(one.Take(), two.text());
}

TEST(CsvWriter, FormulaLookingValuesAreNotAltered) {
  CsvWriter csv;
  csv.Row({"=SUM(A1)", "-1", "@x", "+1"});
  EXPECT_EQ(csv.text(), "=SUM(A1),-1,@x,+1\r\n");
}

}  // namespace
}  // namespace costgate::central
