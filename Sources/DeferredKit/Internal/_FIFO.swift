/// A first-in first-out queue on a ring buffer: O(1) at both ends, for the waiters of the lock,
/// semaphore and queue.
struct _FIFO<Element> {
    private var slots: ContiguousArray<Element?> = []
    private var head = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func append(_ element: Element) {
        if count == slots.count {
            grow()
        }
        slots[(head + count) % slots.count] = element
        count += 1
    }

    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = slots[head]
        slots[head] = nil
        head = (head + 1) % slots.count
        count -= 1
        if count == 0 {
            head = 0
        }
        return element
    }

    /// Removes the first element matching `predicate`, keeping the order of the others. O(n):
    /// only cancellation of a waiter uses it.
    @discardableResult
    mutating func removeFirst(where predicate: (Element) -> Bool) -> Element? {
        for offset in 0..<count {
            let index = (head + offset) % slots.count
            guard let element = slots[index], predicate(element) else { continue }
            var items: [Element] = []
            items.reserveCapacity(count - 1)
            while let item = popFirst() {
                items.append(item)
            }
            items.remove(at: offset)
            for item in items {
                append(item)
            }
            return element
        }
        return nil
    }

    private mutating func grow() {
        var grown = ContiguousArray<Element?>(repeating: nil, count: Swift.max(4, slots.count * 2))
        for offset in 0..<count {
            grown[offset] = slots[(head + offset) % slots.count]
        }
        slots = grown
        head = 0
    }
}
