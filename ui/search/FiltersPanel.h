#pragma once

#include "core/profiles/ProfileFilter.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace insighta {

// The structured filters: gender, age group, min/max age, countries (multi-select with names)
// and minimum probabilities. Emits changed() on any edit; filter() holds only what is set.
class FiltersPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FiltersPanel(QWidget *parent = nullptr);
    ProfileFilter filter() const;
    void clear();

signals:
    void changed();

private:
    QComboBox *m_gender;
    QComboBox *m_ageGroup;
    QSpinBox *m_minAge;
    QSpinBox *m_maxAge;
    QLineEdit *m_countrySearch;
    QListWidget *m_countries;
    QDoubleSpinBox *m_minGenderProbability;
    QDoubleSpinBox *m_minCountryProbability;
};

} // namespace insighta
