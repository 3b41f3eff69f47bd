import Testing

@testable import DeferscopeModel

/// The internal structures behind the indexes, against the standard library on random operations.
@Suite struct IndexTests {
    @Test func theIDTableAgreesWithADictionaryThroughInsertsAndRemovals() {
        var random = SplitMix64(seed: 1)
        var table = IDTable()
        var reference: [UInt64: Int32] = [:]
        for step in 0..<200_000 {
            // Clustered ids, as a process makes them, so that probe runs collide and shift.
            let id = 1 + random.next(below: 5_000) * (step % 3 == 0 ? 1 : 64)
            if random.next(below: 3) == 0 {
                table[id] = nil
                reference[id] = nil
            } else {
                let value = Int32(truncatingIfNeeded: random.next())
                table[id] = value
                reference[id] = value
            }
        }
        #expect(table.count == reference.count)
        for id in reference.keys { #expect(table[id] == reference[id]) }
        for id: UInt64 in 1...400_000 where reference[id] == nil {
            if table[id] != nil {
                Issue.record("\(id) is in the table but not in the dictionary")
                break
            }
        }
    }

    @Test func theOrderedIndexAgreesWithASortedArrayThroughSplitsAndRemovals() {
        var random = SplitMix64(seed: 2)
        var index = OrderedIndex<UInt64>()
        var reference: [OrderedIndex<UInt64>.Entry] = []
        var nextID: UInt64 = 1
        for _ in 0..<30_000 {
            if reference.isEmpty || random.next(below: 5) < 3 {
                // Mostly increasing keys, some behind, ties.
                let key = nextID / 2 + (random.next(below: 10) == 0 ? 0 : random.next(below: 50))
                index.insert(key: key, id: nextID)
                reference.append(OrderedIndex<UInt64>.Entry(key: key, id: nextID))
                nextID += 1
            } else {
                let victim = reference.remove(at: Int(random.next(below: UInt64(min(reference.count, 40)))))
                let removed = index.remove(key: victim.key, id: victim.id)
                #expect(removed)
            }
        }
        reference.sort()
        #expect(index.count == reference.count)
        #expect(index.blocks.count > 2)
        let removedNothing = !index.remove(key: 0, id: 0)
        #expect(removedNothing)
        for _ in 0..<200 {
            let offset = Int(random.next(below: UInt64(reference.count + 10)))
            let limit = Int(random.next(below: 100))
            #expect(index.window(offset: offset, limit: limit) == Array(reference.dropFirst(offset).prefix(limit)))
            #expect(
                index.window(offset: offset, limit: limit, descending: true)
                    == Array(reference.reversed().dropFirst(offset).prefix(limit))
            )
            let key = random.next(below: nextID / 2 + 50)
            #expect(index.firstRank(withKeyAbove: key) == reference.firstIndex { $0.key > key } ?? reference.count)
        }
    }

    @Test func theHistogramsPercentilesAreWithinABucket() {
        var histogram = LogHistogram()
        for value: UInt64 in 1...10_000 { histogram.record(value * 1_000) }
        let median = histogram.percentile(0.5)
        #expect(median >= 5_000_000 && median <= 5_000_000 * 9 / 8)
        #expect(histogram.percentile(1) == 10_000_000)
        #expect(histogram.minimum == 1_000)
        #expect(histogram.buckets.reduce(0) { $0 + $1.count } == 10_000)
        for bucket in 0..<LogHistogram.bucketCount - 1 {
            #expect(LogHistogram.bucket(of: LogHistogram.lowerBound(of: bucket)) == bucket)
            #expect(LogHistogram.bucket(of: LogHistogram.upperBound(of: bucket)) == bucket)
        }
    }
}
