import DeferscopeModel

/// A column of the Sites view: its table column, its cell for a site, and how it sorts.
public enum SiteColumn: Hashable, Sendable, CaseIterable {
    /// Deferreds created at the site and not settled yet.
    case pending
    /// How long the oldest of them has been pending.
    case oldest
    /// Deferreds created at the site since the picture started.
    case created
    /// Deferreds created at the site whose result became a failure.
    case failed
    /// The site, `fileID:line`.
    case site

    /// The table column (title, widths, what is dropped first when narrow); each number column
    /// has room for its title and the sort arrow.
    public var tableColumn: TableColumn {
        switch self {
        case .pending: return TableColumn("PENDING", minWidth: 8, maxWidth: 9, alignment: .right, priority: 9)
        case .oldest: return TableColumn("OLDEST", minWidth: 7, maxWidth: 7, alignment: .right, priority: 8)
        case .created: return TableColumn("CREATED", minWidth: 8, maxWidth: 9, alignment: .right, priority: 5)
        case .failed: return TableColumn("FAILED", minWidth: 7, maxWidth: 9, alignment: .right, priority: 6)
        case .site: return TableColumn("SITE", minWidth: 12, flex: 1, priority: 10, truncation: .middle)
        }
    }

    /// The direction a first press of "sort" picks: counts and ages biggest first, names A to Z.
    public var sortsAscendingFirst: Bool { self == .site }

    /// Whether `lhs` comes before `rhs` in ascending order (ties: by site id).
    func ascending(_ lhs: SiteStatistics, _ rhs: SiteStatistics, model: DeferscopeModel) -> Bool {
        switch self {
        case .pending:
            if lhs.pendingCount != rhs.pendingCount { return lhs.pendingCount < rhs.pendingCount }
        case .oldest:
            // Older is bigger; no pending Deferred is the smallest age of all.
            let left = lhs.oldestPendingCreatedAt.map { UInt64.max - $0 } ?? 0
            let right = rhs.oldestPendingCreatedAt.map { UInt64.max - $0 } ?? 0
            if left != right { return left < right }
        case .created:
            if lhs.createdCount != rhs.createdCount { return lhs.createdCount < rhs.createdCount }
        case .failed:
            if lhs.failureCount != rhs.failureCount { return lhs.failureCount < rhs.failureCount }
        case .site:
            let left = model.siteName(lhs.siteID)
            let right = model.siteName(rhs.siteID)
            if left != right { return left < right }
        }
        return lhs.siteID < rhs.siteID
    }

    /// The cell for `site`.
    public func cell(_ site: SiteStatistics, context: ViewContext) -> TableCell {
        switch self {
        case .pending:
            return TableCell(ViewFormat.count(site.pendingCount), style: site.pendingCount > 0 ? nil : .textDim)
        case .oldest:
            guard let createdAt = site.oldestPendingCreatedAt else { return TableCell("-", style: .textDim) }
            let age = context.now > createdAt ? context.now - createdAt : 0
            return TableCell(ViewFormat.duration(nanoseconds: age), style: context.ageStyle(age))
        case .created:
            return TableCell(ViewFormat.count(site.createdCount), style: .textDim)
        case .failed:
            return TableCell(
                ViewFormat.count(site.failureCount),
                style: site.failureCount > 0 ? .stateFailed : .textDim
            )
        case .site:
            return TableCell(site.siteID == 0 ? "(unknown site)" : context.model.siteName(site.siteID))
        }
    }
}
