#pragma once

#include "core/profiles/Profile.h"
#include "core/profiles/ProfileFilter.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

namespace insighta {

class SearchService;
struct ProfilePage;

// The rows of the current search, fetched lazily: the view's fetchMore() asks the service for
// the next keyset page when the user scrolls near the end. Clicking a sortable header re-runs
// the search with that sort key; the other columns are not sortable (no index serves them).
class SearchResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Name,
        Gender,
        Age,
        AgeGroupColumn,
        Country,
        GenderProbability,
        CountryProbability,
        Created,
        ColumnCount
    };
    enum Role { ProfileIdRole = Qt::UserRole + 1 };

    explicit SearchResultsModel(SearchService *service, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Runs a search with this filter (keeping the current sort unless the filter asks for one).
    void setFilter(const ProfileFilter &filter);
    const ProfileFilter &filter() const { return m_filter; }
    const Profile &profileAt(int row) const { return m_rows.at(row); }
    // Total matches (-1 until the exact count is known).
    qint64 totalCount() const { return m_total; }

    static std::optional<SortKey> sortKeyForColumn(int column);
    static int columnForSortKey(SortKey key);

signals:
    void totalCountChanged(qint64 total);
    void sortChanged(int column, Qt::SortOrder order);

private:
    void onFirstPage(const ProfilePage &page);
    void onNextPage(const ProfilePage &page);

    SearchService *m_service;
    ProfileFilter m_filter;
    QList<Profile> m_rows;
    qint64 m_total = -1;
};

} // namespace insighta
