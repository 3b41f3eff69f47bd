import DeferscopeWire

/// Keeps the Deferreds, sites and types of several processes apart in one model: each process's
/// ids get its source number in their top 16 bits, and its site and type ids map to the model's
/// own (shared by processes that define the same site, so the Sites view adds up the processes
/// running the same code).
struct ProcessNamespace: Sendable {
    /// Ids a process may use: below 2^48 (DeferredKit counts up from 1).
    static let localBits: UInt64 = 48
    static let localMask: UInt64 = (1 << localBits) - 1

    /// Per source: its site id → the model's, by index (agents number sites densely from 1).
    private var siteTables: [UInt16: [UInt32]] = [:]
    /// Per source: its type id → the model's, by index.
    private var typeTables: [UInt16: [UInt32]] = [:]
    private var siteIDs: [SiteKey: UInt32] = [:]
    private var typeIDs: [String: UInt32] = [:]
    /// Per source: what to add to its clock to get the model's (processes on other machines).
    var clockOffsets: [UInt16: Int64] = [:]
    /// Site and type ids above this are taken as unknown (0): the tables stay small.
    static let tableLimit: UInt32 = 1 << 20

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
        siteTables[source] = nil
        typeTables[source] = nil
    }

    mutating func map(_ site: SiteDefinition, source: UInt16) -> SiteDefinition {
        let key = SiteKey(fileID: site.fileID, line: site.line)
        let global = siteIDs[key] ?? UInt32(siteIDs.count + 1)
        siteIDs[key] = global
        Self.set(&siteTables[source, default: []], site.id, to: global)
        return SiteDefinition(id: global, fileID: site.fileID, line: site.line)
    }

    mutating func map(_ type: TypeDefinition, source: UInt16) -> TypeDefinition {
        let global = typeIDs[type.name] ?? UInt32(typeIDs.count + 1)
        typeIDs[type.name] = global
        Self.set(&typeTables[source, default: []], type.id, to: global)
        return TypeDefinition(id: global, name: type.name)
    }

    private static func set(_ table: inout [UInt32], _ id: UInt32, to global: UInt32) {
        guard id != 0, id < tableLimit else { return }
        if table.count <= Int(id) { table.append(contentsOf: repeatElement(0, count: Int(id) + 1 - table.count)) }
        table[Int(id)] = global
    }

    /// What maps one source's records: its tables, read once per batch rather than per record.
    func mapper(for source: UInt16) -> Mapper {
        Mapper(
            source: source,
            sites: siteTables[source] ?? [],
            types: typeTables[source] ?? [],
            clockOffset: clockOffsets[source] ?? 0
        )
    }

    func time(_ time: UInt64, source: UInt16) -> UInt64 {
        mapper(for: source).time(time)
    }

    /// One source's ids, sites, types and clock onto the model's.
    struct Mapper {
        let source: UInt16
        let sites: [UInt32]
        let types: [UInt32]
        let clockOffset: Int64

        @inline(__always)
        func id(_ id: UInt64) -> UInt64 { ProcessNamespace.globalID(id, source: source) }

        @inline(__always)
        func site(_ id: UInt32) -> UInt32 { Int(id) < sites.count ? sites[Int(id)] : 0 }

        @inline(__always)
        func type(_ id: UInt32) -> UInt32 { Int(id) < types.count ? types[Int(id)] : 0 }

        @inline(__always)
        func time(_ time: UInt64) -> UInt64 {
            guard time != 0, clockOffset != 0 else { return time }
            return UInt64(clamping: Int64(clamping: time) &+ clockOffset)
        }

        /// Maps every id, site, type and time of `events` in place (no copy when the caller holds
        /// the only reference, as a feed does with what it just decoded).
        func map(_ events: inout [EventRecord]) {
            events.withUnsafeMutableBufferPointer { records in
                for index in records.indices {
                    records[index].id = id(records[index].id)
                    records[index].other = id(records[index].other)
                    records[index].siteID = site(records[index].siteID)
                    records[index].timestamp = time(records[index].timestamp)
                    if let typeID = records[index].outcome?.typeID { records[index].outcome?.typeID = type(typeID) }
                }
            }
        }

        func mapped(_ record: ChainRecord) -> ChainRecord {
            var record = record
            record.id = id(record.id)
            record.waitingOn = id(record.waitingOn)
            record.chainedTo = id(record.chainedTo)
            record.siteID = site(record.siteID)
            record.createdAt = time(record.createdAt)
            record.timeoutArmedAt = time(record.timeoutArmedAt)
            if let typeID = record.outcome?.typeID { record.outcome?.typeID = type(typeID) }
            for index in record.pendingSteps.indices {
                record.pendingSteps[index].siteID = site(record.pendingSteps[index].siteID)
                record.pendingSteps[index].feeds = id(record.pendingSteps[index].feeds)
            }
            record.waiters = record.waiters.map(id)
            return record
        }
    }
}
