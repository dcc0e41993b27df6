#pragma once

#include "core/profiles/FieldParsers.h"
#include "core/profiles/HeaderMapping.h"

#include <QList>
#include <QString>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace insighta {

// Why a record was skipped. The codes (rejectReasonCode) are a public contract: add, never rename.
enum class RejectReason {
    WrongColumnCount,
    MissingName,
    InvalidName,
    InvalidGender,
    InvalidAge,
    InvalidProbability,
    UnknownCountry,
    FieldTooLong,
    UndecodableText,
    DuplicateInFile,
    DuplicateInDatabase,
    NotLoaded,
    UnclosedQuote,
};
inline constexpr int kRejectReasonCount = int(RejectReason::UnclosedQuote) + 1;

// "wrong_column_count", "missing_name", ..., "not_loaded", "unclosed_quote".
const char *rejectReasonCode(RejectReason reason);
std::optional<RejectReason> rejectReasonFromCode(QStringView code);

// Things fixed on the way in, counted in the report's warnings_by_kind.
enum class WarningKind {
    AgeGroupCorrected, // the file's age_group disagreed with the age; derived from the age
    CountryNameReplaced, // the file's country_name differed from the ISO short name of country_id
    IdIgnored, // an id column was present; ids are always generated
    CreatedAtIgnored, // a created_at column was present; set on insert
};
inline constexpr int kWarningKindCount = int(WarningKind::CreatedAtIgnored) + 1;
const char *warningKindCode(WarningKind kind); // "age_group_corrected", ...

// A problem with one cell (column = source column index, -1 for the whole record).
struct CellProblem
{
    int column = -1;
    RejectReason reason = RejectReason::WrongColumnCount;
    QString message; // "age 'twenty-fiv' is not a number or a number in words"
    bool operator==(const CellProblem &) const = default;
};

// A validated, normalised profile row as UTF-8, with buffers reused from row to row.
struct NormalizedRow
{
    std::string name; // trimmed, original spelling
    std::string nameKey; // nameKey(name)
    Gender gender = Gender::Unknown;
    double genderProbability = 0.0;
    int age = 0;
    AgeGroup ageGroup = AgeGroup::Unknown;
    fields::CountryRef country;
    double countryProbability = 0.0;
    qint64 line = 0; // where it came from, for messages
    qint64 record = 0;
};

// Fields longer than this (bytes) are refused as field_too_long.
inline constexpr int kMaxFieldBytes = 512;

// Validates and normalises records against a header mapping. Pure: no I/O, no shared state,
// so one instance per thread. The import, validate and the preview all use it.
class RowValidator
{
public:
    explicit RowValidator(HeaderMapping mapping);
    const HeaderMapping &mapping() const { return m_mapping; }

    // The fast path: true when the row is valid; `out` then holds it and `warnings` counts
    // the fixes made (added to, never reset). On false, `problem` holds the first problem found.
    bool validate(std::span<const std::string_view> cells, NormalizedRow &out,
                  std::array<qint64, kWarningKindCount> &warnings, CellProblem &problem) const;

    // Every problem in the row (for the preview's per-cell markers), empty when valid.
    QList<CellProblem> problems(std::span<const std::string_view> cells) const;

private:
    // One row's check in progress: its cells, and where problems go (the first one, or all).
    class Check;

    bool check(std::span<const std::string_view> cells, NormalizedRow &out,
               std::array<qint64, kWarningKindCount> &warnings, QList<CellProblem> *all, CellProblem *first) const;
    // Each step returns true when the check stops here (the fast path stops at the first problem).
    bool checkShape(Check &check) const;
    bool checkName(Check &check, NormalizedRow &out) const;
    bool checkGender(Check &check, NormalizedRow &out) const;
    bool checkAge(Check &check, NormalizedRow &out) const;
    bool checkCountry(Check &check, NormalizedRow &out) const;
    bool checkProbability(Check &check, int column, double &target) const;
    void countFixes(const Check &check, const NormalizedRow &out,
                    std::array<qint64, kWarningKindCount> &warnings) const;

    HeaderMapping m_mapping;
    int m_name = -1, m_gender = -1, m_genderProbability = -1, m_age = -1, m_ageGroup = -1, m_countryId = -1,
        m_countryName = -1, m_countryProbability = -1, m_id = -1, m_createdAt = -1;
};

} // namespace insighta
