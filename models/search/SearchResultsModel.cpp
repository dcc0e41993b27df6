#include "models/search/SearchResultsModel.h"

#include "core/db/ProfileSearch.h"
#include "models/search/SearchService.h"

#include <QLocale>

namespace insighta {

SearchResultsModel::SearchResultsModel(SearchService *service, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    connect(service, &SearchService::firstPageReady, this, &SearchResultsModel::onFirstPage);
    connect(service, &SearchService::nextPageReady, this, &SearchResultsModel::onNextPage);
    connect(service, &SearchService::countReady, this, [this](qint64 count) {
        m_total = count;
        emit totalCountChanged(count);
    });
}

int SearchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SearchResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Profile &p = m_rows.at(index.row());
    if (role == ProfileIdRole)
        return p.id;
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Age:
        case GenderProbability:
        case CountryProbability:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Country)
        return p.countryId;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return p.name;
    case Gender:
        return genderName(p.gender);
    case Age:
        return p.age;
    case AgeGroupColumn:
        return ageGroupName(p.ageGroup);
    case Country:
        return p.countryName;
    case GenderProbability:
        return QString::number(p.genderProbability, 'f', 2);
    case CountryProbability:
        return QString::number(p.countryProbability, 'f', 2);
    case Created:
        return QLocale().toString(p.createdAt.toLocalTime(), QLocale::ShortFormat);
    }
    return {};
}

QVariant SearchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole)
        return sortKeyForColumn(section) ? tr("Click to sort") : tr("Not sortable");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Gender:
        return tr("Gender");
    case Age:
        return tr("Age");
    case AgeGroupColumn:
        return tr("Age group");
    case Country:
        return tr("Country");
    case GenderProbability:
        return tr("P(gender)");
    case CountryProbability:
        return tr("P(country)");
    case Created:
        return tr("Created");
    }
    return {};
}

std::optional<SortKey> SearchResultsModel::sortKeyForColumn(int column)
{
    switch (column) {
    case Name:
        return SortKey::Name;
    case Age:
        return SortKey::Age;
    case Country:
        return SortKey::Country;
    case GenderProbability:
        return SortKey::GenderProbability;
    case Created:
        return SortKey::CreatedAt;
    default:
        return std::nullopt;
    }
}

int SearchResultsModel::columnForSortKey(SortKey key)
{
    switch (key) {
    case SortKey::Name:
        return Name;
    case SortKey::Age:
        return Age;
    case SortKey::Country:
        return Country;
    case SortKey::GenderProbability:
        return GenderProbability;
    case SortKey::CreatedAt:
        break;
    }
    return Created;
}

bool SearchResultsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_service->canFetchMore();
}

void SearchResultsModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        m_service->fetchMore();
}

void SearchResultsModel::sort(int column, Qt::SortOrder order)
{
    const auto key = sortKeyForColumn(column);
    if (!key) {
        // Not a whitelisted sort: keep the current order and say so through the header.
        emit sortChanged(columnForSortKey(m_filter.sortBy),
                         m_filter.order == SortOrder::Asc ? Qt::AscendingOrder : Qt::DescendingOrder);
        return;
    }
    const SortOrder wanted = order == Qt::AscendingOrder ? SortOrder::Asc : SortOrder::Desc;
    if (m_filter.sortBy == *key && m_filter.order == wanted)
        return;
    m_filter.sortBy = *key;
    m_filter.order = wanted;
    m_filter.sortExplicit = true;
    emit sortChanged(column, order);
    setFilter(m_filter);
}

void SearchResultsModel::setFilter(const ProfileFilter &filter)
{
    ProfileFilter next = filter;
    if (!filter.sortExplicit) {
        next.sortBy = m_filter.sortBy;
        next.order = m_filter.order;
        next.sortExplicit = m_filter.sortExplicit;
    }
    m_filter = next;
    beginResetModel();
    m_rows.clear();
    m_total = -1;
    endResetModel();
    emit totalCountChanged(-1);
    m_service->search(m_filter);
}

void SearchResultsModel::onFirstPage(const ProfilePage &page)
{
    beginResetModel();
    m_rows = page.rows;
    endResetModel();
}

void SearchResultsModel::onNextPage(const ProfilePage &page)
{
    if (page.rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.rows.size() - 1));
    m_rows += page.rows;
    endInsertRows();
}

} // namespace insighta
