import Foundation
import FoyerCore
import Testing

/// The signal that wakes the background workers: a wait ends on a notification, its timeout or cancellation,
/// and never early, however many waits came before (an idle server's workers must sleep, not spin).
///
/// The assertions are on why each wait ended and on lower bounds of time, never on how fast: a loaded machine
/// may delay any task, but cannot make a timeout end early or turn a notification into a timeout.
struct WorkSignalTests {
    let clock = ContinuousClock()

    @Test func everyWait_timesOut_andLastsItsTimeout_whenNobodyNotifies() async {
        let signal = WorkSignal()
        for _ in 0..<5 {
            let start = clock.now
            #expect(await signal.wait(timeout: .milliseconds(40)) == .timedOut)
            #expect(clock.now - start >= .milliseconds(40))
        }
    }

    @Test func aNotificationBeforeTheWait_isKept_andCoalesces() async {
        let signal = WorkSignal()
        signal.notify()
        signal.notify()
        signal.notify()
        #expect(await signal.wait(timeout: .seconds(600)) == .notified)
        // Three notifications wake one wait; the next one sleeps its whole timeout.
        let start = clock.now
        #expect(await signal.wait(timeout: .milliseconds(40)) == .timedOut)
        #expect(clock.now - start >= .milliseconds(40))
    }

    @Test func aNotificationDuringTheWait_endsIt() async {
        let signal = WorkSignal()
        async let waited = signal.wait(timeout: .seconds(600))
        try? await Task.sleep(for: .milliseconds(50))
        signal.notify()
        #expect(await waited == .notified)
        // It was used by that wait: the next one is not woken by it.
        #expect(await signal.wait(timeout: .milliseconds(40)) == .timedOut)
    }

    @Test func cancellingTheTask_endsTheWait() async {
        let signal = WorkSignal()
        let task = Task { await signal.wait(timeout: .seconds(600)) }
        try? await Task.sleep(for: .milliseconds(50))
        task.cancel()
        #expect(await task.value == .cancelled)
    }

    @Test func manyWaitsAndNotificationsRacing_allEnd_andTheSignalStillSleeps() async {
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
        // Whatever the interleaving, at most one wake-up is kept: after it, a wait sleeps its timeout.
        await signal.wait(timeout: .milliseconds(1))
        let start = clock.now
        #expect(await signal.wait(timeout: .milliseconds(40)) == .timedOut)
        #expect(clock.now - start >= .milliseconds(40))
    }
}
