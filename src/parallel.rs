//! Work split in chunks over every core and taken back in order: what is written never
//! depends on which thread finished first, nor on how many cores there are.

use std::ops::Range;
use std::sync::mpsc;
use std::thread;

/// The workers to start for work that scales to `max` of them: one per core, at most `max`.
pub fn workers(max: usize) -> usize {
    thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, max)
}

/// `work` run on `workers` threads at once; what each returned, in the order they were
/// started. A worker that panicked passes its panic on.
pub fn on_workers<T: Send>(workers: usize, work: impl Fn() -> T + Sync) -> Vec<T> {
    let work = &work;
    thread::scope(|scope| {
        let spawned: Vec<_> = (0..workers).map(|_| scope.spawn(work)).collect();
        spawned
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The items `make` gives for each range of `chunk` out of `items`, made on every core and
/// joined in order into one list with room for `capacity`.
pub fn concat_in_order<T: Send>(
    items: usize,
    chunk: usize,
    capacity: usize,
    make: impl Fn(Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    let mut all = Vec::with_capacity(capacity);
    let joined: Result<(), std::convert::Infallible> = in_order(items, chunk, make, |made| {
        all.extend(made);
        Ok(())
    });
    let Ok(()) = joined;
    all
}

/// Chunks a worker may finish ahead of the taker: it keeps memory bounded.
const AHEAD: usize = 2;

/// `make` of each range of `chunk` items out of `items`, made on every core (all at once
/// on one core, or when there is a single chunk) and handed to `take` in order until it
/// fails; its error is returned.
pub fn in_order<T: Send, E>(
    items: usize,
    chunk: usize,
    make: impl Fn(Range<usize>) -> T + Sync,
    mut take: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let workers = thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if workers < 2 || items <= chunk {
        return take(make(0..items));
    }
    let chunks = items.div_ceil(chunk);
    let make = &make;
    thread::scope(|scope| {
        // Worker `w` makes chunks `w`, `w + workers`, ...: the taker knows whom to wait for.
        let finished: Vec<_> = (0..workers)
            .map(|worker| {
                let (send, finished) = mpsc::sync_channel(AHEAD);
                scope.spawn(move || {
                    for k in (worker..chunks).step_by(workers) {
                        let made = make(k * chunk..((k + 1) * chunk).min(items));
                        // The taker hung up (it failed): stop.
                        if send.send(made).is_err() {
                            return;
                        }
                    }
                });
                finished
            })
            .collect();
        for k in 0..chunks {
            // A worker that panicked sends nothing: the scope passes its panic on.
            let Ok(made) = finished[k % workers].recv() else {
                break;
            };
            take(made)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::in_order;

    #[test]
    fn chunks_are_taken_in_order_whatever_thread_makes_them() {
        let mut taken = Vec::new();
        let done: Result<(), ()> = in_order(10_007, 7, Iterator::collect::<Vec<usize>>, |chunk| {
            taken.extend(chunk);
            Ok(())
        });
        assert_eq!(done, Ok(()));
        assert_eq!(taken, (0..10_007).collect::<Vec<_>>());
    }

    #[test]
    fn a_taker_that_fails_stops_the_workers_and_returns_its_error() {
        let mut taken = 0;
        let done = in_order(
            10_000,
            10,
            |range| range.len(),
            |n| {
                taken += n;
                if taken >= 50 {
                    Err(taken)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(done, Err(50));
    }
}
