//! Work spread over the cores, with results in input order (output never depends on which
//! thread did what) and the lint's scope (the cache's recorder, the files read so far) handed
//! to every worker (`cache::record`).

/// `f` over `items` on up to every core, each worker with its own state from `init` (a parser
/// arena…). Fewer than `min_per_worker` items per worker use fewer workers; one runs here,
/// without starting a thread.
pub fn map<T: Sync, S, R: Send>(
    items: &[T],
    min_per_worker: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&T, &mut S) -> R + Sync,
) -> Vec<R> {
    let most = items.len() / min_per_worker.max(1);
    let workers = if most < 2 { 1 } else { cores().min(most) };
    if workers == 1 {
        let mut state = init();
        return items.iter().map(|i| f(i, &mut state)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let scope = crate::cache::record::current();
    let mut slots: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let scope = scope.clone();
                let (next, f, init) = (&next, &f, &init);
                s.spawn(move || {
                    crate::cache::record::with(scope, || {
                        let mut state = init();
                        let mut out = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(item) = items.get(i) else { break };
                            out.push((i, f(item, &mut state)));
                        }
                        out
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    slots.sort_unstable_by_key(|(i, _)| *i);
    slots.into_iter().map(|(_, r)| r).collect()
}

/// The cores this process may use, asked once: the answer reads cgroup files on Linux, which
/// costs more than a small project's whole lint.
pub fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<u32> = (0..1000).collect();
        let out = super::map(
            &items,
            10,
            || 0u32,
            |i, calls| {
                *calls += 1;
                i * 2
            },
        );
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(super::map(&[1, 2], 10, || (), |i, _| i + 1), vec![2, 3]);
    }
}
