import Foundation
import FoyerCore
import Testing

/// The signal that wakes the background workers: a wait ends on a notification, its timeout or cancellation,
/// and never early, however many waits came before (an idle server's workers must sleep, not spin).
struct WorkSignalTests {
    let clock = ContinuousClock()

    @Test func everyWait_lastsItsTimeout_whenNobodyNotifies() async {
        let signal = WorkSignal()
        for _ in 0..<5 {
            let start = clock.now
            await signal.wait(timeout: .milliseconds(40))
            #expect(clock.now - start >= .milliseconds(40))
        }
    }

    @Test func aNotificationBeforeTheWait_isKept_andCoalesces() async {
        let signal = WorkSignal()
        signal.notify()
        signal.notify()
        signal.notify()
        let start = clock.now
        await signal.wait(timeout: .seconds(60))
        #expect(clock.now - start < .seconds(30))
        // Three notifications wake one wait; the next one sleeps its whole timeout.
        let second = clock.now
        await signal.wait(timeout: .milliseconds(40))
        #expect(clock.now - second >= .milliseconds(40))
    }

    @Test func aNotificationDuringTheWait_endsIt() async {
        let signal = WorkSignal()
        let start = clock.now
        async let waited: Void = signal.wait(timeout: .seconds(60))
        try? await Task.sleep(for: .milliseconds(50))
        signal.notify()
        await waited
        #expect(clock.now - start < .seconds(30))
        // It was used by that wait: the next one is not woken by it.
        let next = clock.now
        await signal.wait(timeout: .milliseconds(40))
        #expect(clock.now - next >= .milliseconds(40))
    }

    @Test func cancellingTheTask_endsTheWait() async {
        let signal = WorkSignal()
        let start = clock.now
        let task = Task { await signal.wait(timeout: .seconds(60)) }
        try? await Task.sleep(for: .milliseconds(50))
        task.cancel()
        await task.value
        #expect(clock.now - start < .seconds(30))
    }

    @Test func manyWaitsAndNotificationsRacing_allEnd() async {
        let signal = WorkSignal()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for _ in 0..<200 { await signal.wait(timeout: .milliseconds(1)) }
            }
            group.addTask {
                for _ in 0..<200 {
                    signal.notify()
                    await Task.yield()
                }
            }
        }
        // Whatever the interleaving, the signal still sleeps its timeout afterwards (at most one kept wake-up).
        await signal.wait(timeout: .milliseconds(1))
        let start = clock.now
        await signal.wait(timeout: .milliseconds(40))
        #expect(clock.now - start >= .milliseconds(40))
    }
}
