#pragma once

#include "core/profiles/ProfileFilter.h"

#include <QSet>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace insighta {

// The structured filters: gender, age group, min/max age, countries (multi-select with names)
// and minimum probabilities.
//
// The form shows what the query set: a field the person has not touched shows the query's
// value in italics ("from the query"), so "young women from nigeria" reads Female, 16–24 and
// Nigeria ticked here too. Changing a field makes it the person's own; it then refines the query
// (it wins over the query's value for that key) and stays when the query changes. filter()
// holds only the person's own fields; a field set back to Any, and "Clear filters" for all of
// them, gives it back to the query.
class FiltersPanel : public QWidget
{
    Q_OBJECT
public:
    enum class Field { Gender, AgeGroup, MinAge, MaxAge, MinGenderProbability, MinCountryProbability, Countries };

    explicit FiltersPanel(QWidget *parent = nullptr);
    ProfileFilter filter() const;
    void clear();
    // The parsed query (empty when there is none or it did not parse); updates the fields the
    // person has not set. Emits nothing: the query's own change starts the search.
    void setQueryFilter(const ProfileFilter &query);
    bool isFromQuery(Field field) const;

signals:
    void changed();

private:
    void buildForm();
    void buildCountries();
    void connectEdits();
    void takeOver(Field field);
    void handBack(Field field);
    bool isUnset(Field field) const; // "Any", or no country ticked
    void showQueryValue(Field field);
    void showCountriesFromQuery();
    void markFromQuery(QWidget *widget, bool fromQuery);
    bool queryHas(Field field) const;
    QWidget *editorFor(Field field) const;
    void updateQueryNote();

    QComboBox *m_gender = nullptr;
    QComboBox *m_ageGroup = nullptr;
    QSpinBox *m_minAge = nullptr;
    QSpinBox *m_maxAge = nullptr;
    QLineEdit *m_countrySearch = nullptr;
    QListWidget *m_countries = nullptr;
    QDoubleSpinBox *m_minGenderProbability = nullptr;
    QDoubleSpinBox *m_minCountryProbability = nullptr;
    QLabel *m_queryNote = nullptr;
    ProfileFilter m_query;
    QSet<Field> m_own; // the fields the person set; every other one shows the query's value
    bool m_syncing = false; // showing the query's values: not an edit by the person
};

} // namespace insighta
