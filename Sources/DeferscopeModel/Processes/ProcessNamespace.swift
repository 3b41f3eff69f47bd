import DeferscopeWire

/// Keeps the Deferreds, sites and types of several processes apart in one model: each process's
/// ids get its source number in their top 16 bits, and its site and type ids map to the model's
/// own (shared by processes that define the same site, so the Sites view adds up the processes
/// running the same code).
struct ProcessNamespace: Sendable {
    /// Ids a process may use: below 2^48 (DeferredKit counts up from 1).
    static let localBits: UInt64 = 48
    static let localMask: UInt64 = (1 << localBits) - 1

    /// Per source: its site id → the model's.
    private var siteMaps: [UInt16: [UInt32: UInt32]] = [:]
    /// Per source: its type id → the model's.
    private var typeMaps: [UInt16: [UInt32: UInt32]] = [:]
    private var siteIDs: [SiteKey: UInt32] = [:]
    private var typeIDs: [String: UInt32] = [:]
    /// Per source: what to add to its clock to get the model's (processes on other machines).
    var clockOffsets: [UInt16: Int64] = [:]

    private struct SiteKey: Hashable {
        var fileID: String
        var line: UInt32
    }

    static func globalID(_ id: UInt64, source: UInt16) -> UInt64 {
        id == 0 ? 0 : UInt64(source) << localBits | (id & localMask)
    }

    static func source(of id: UInt64) -> UInt16 {
        UInt16(truncatingIfNeeded: id >> localBits)
    }

    /// Forgets a source's id maps (a new process on the stream defines its own).
    mutating func reset(source: UInt16) {
        siteMaps[source] = nil
        typeMaps[source] = nil
    }

    mutating func map(_ site: SiteDefinition, source: UInt16) -> SiteDefinition {
        let key = SiteKey(fileID: site.fileID, line: site.line)
        let global = siteIDs[key] ?? UInt32(siteIDs.count + 1)
        siteIDs[key] = global
        siteMaps[source, default: [:]][site.id] = global
        return SiteDefinition(id: global, fileID: site.fileID, line: site.line)
    }

    mutating func map(_ type: TypeDefinition, source: UInt16) -> TypeDefinition {
        let global = typeIDs[type.name] ?? UInt32(typeIDs.count + 1)
        typeIDs[type.name] = global
        typeMaps[source, default: [:]][type.id] = global
        return TypeDefinition(id: global, name: type.name)
    }

    func site(_ id: UInt32, source: UInt16) -> UInt32 {
        id == 0 ? 0 : siteMaps[source]?[id] ?? 0
    }

    func type(_ id: UInt32, source: UInt16) -> UInt32 {
        id == 0 ? 0 : typeMaps[source]?[id] ?? 0
    }

    func time(_ time: UInt64, source: UInt16) -> UInt64 {
        guard time != 0, let offset = clockOffsets[source], offset != 0 else { return time }
        return UInt64(clamping: Int64(clamping: time) &+ offset)
    }

    func mapped(_ event: EventRecord, source: UInt16) -> EventRecord {
        var event = event
        event.id = Self.globalID(event.id, source: source)
        event.other = Self.globalID(event.other, source: source)
        event.siteID = site(event.siteID, source: source)
        event.timestamp = time(event.timestamp, source: source)
        if let typeID = event.outcome?.typeID { event.outcome?.typeID = type(typeID, source: source) }
        return event
    }

    func mapped(_ record: ChainRecord, source: UInt16) -> ChainRecord {
        var record = record
        record.id = Self.globalID(record.id, source: source)
        record.waitingOn = Self.globalID(record.waitingOn, source: source)
        record.chainedTo = Self.globalID(record.chainedTo, source: source)
        record.siteID = site(record.siteID, source: source)
        record.createdAt = time(record.createdAt, source: source)
        record.timeoutArmedAt = time(record.timeoutArmedAt, source: source)
        if let typeID = record.outcome?.typeID { record.outcome?.typeID = type(typeID, source: source) }
        for index in record.pendingSteps.indices {
            record.pendingSteps[index].siteID = site(record.pendingSteps[index].siteID, source: source)
            record.pendingSteps[index].feeds = Self.globalID(record.pendingSteps[index].feeds, source: source)
        }
        record.waiters = record.waiters.map { Self.globalID($0, source: source) }
        return record
    }
}
