//! What differs by platform: float text in and out, the allocator, and one shared sort.
//!
//! Float text is the one place the crate leans on its host. Natively, Rust's `str::parse` and
//! shortest formatting; on wasm32, JavaScript's `Number` and `String`, which are correctly rounded
//! and shortest-with-ties-to-even too, so the module need not carry Rust's float tables and bignum
//! formatting (about 23 KB of the brotli'd `.wasm`). tests/js check the wasm32 path against
//! Python's answers, src/value.rs's tests the native one.

#[allow(unused_imports)]
use crate::prelude::*;
/// Python's `float(s)` for a JSON number literal (correctly rounded; overflow gives infinity).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_f64(s: &str) -> f64 {
    s.parse().unwrap_or(f64::NAN)
}

#[cfg(target_arch = "wasm32")]
pub fn parse_f64(s: &str) -> f64 {
    // SAFETY: a pure import that reads the bytes.
    unsafe { crate::wasm::parse_float(s.as_ptr(), s.len()) }
}

/// The shortest digits that read back as `|f|` (finite), and the decimal exponent of the first:
/// 1.5e-5 -> ("15", -5). Where two such strings are equally close, the even one, as Python's
/// `repr` and JavaScript choose.
#[cfg(target_arch = "wasm32")]
pub fn shortest_digits(f: f64) -> (String, i32) {
    // String(x) is "123.45", "0.00015", "1e+21" or "1.5e-7" (at most 17 significant digits);
    // never signed for |f|.
    let mut buf = [0u8; 32];
    // SAFETY: a pure import that writes at most 32 bytes of ASCII.
    let len = unsafe { crate::wasm::number_text(f.abs(), buf.as_mut_ptr()) };
    match crate::value::Decimal::read(buf.get(..len).unwrap_or_default()) {
        Some(d) => (d.digits().into(), d.exp),
        None => ("0".into(), 0),
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn shortest_digits(f: f64) -> (String, i32) {
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    // Rust's formatter rounds a tie between two shortest candidates up.
    let last = digits.as_bytes().last().map_or(0, |d| d - b'0');
    if last % 2 == 1 {
        for even in [last - 1, last + 1].into_iter().filter(|d| *d <= 9) {
            let mut other = digits.clone();
            other.pop();
            other.push(char::from(b'0' + even));
            let read_back = parse_f64(&format!("0.{other}e{}", exp + 1));
            if read_back == f.abs() && is_exact_midpoint(f.abs(), &digits, &other, exp) {
                digits = other;
                break;
            }
        }
    }
    (digits, exp)
}

/// Whether `f` lies exactly halfway between two digit strings that differ by one in the last place.
#[cfg(not(target_arch = "wasm32"))]
fn is_exact_midpoint(f: f64, a: &str, b: &str, exp: i32) -> bool {
    // Every double has a finite decimal expansion of at most 767 significant digits.
    let exact = format!("{f:.800e}");
    let (mantissa, exact_exp) = exact.split_once('e').unwrap_or((&exact, "0"));
    let exact_digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let low = if a < b { a } else { b };
    exact_exp.parse::<i32>().ok() == Some(exp)
        && exact_digits.trim_end_matches('0') == format!("{low}5")
}

/// The allocator on wasm32: talc, 2 KB smaller than std's dlmalloc once brotli'd, at the same speed,
/// behind the per-call arena ([`Arena`]).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: Arena = Arena {
    // SAFETY: wasm32 without atomics has one thread.
    talc: unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) },
    chunks: [const { Cell::new((0, 0)) }; CHUNKS],
    used: Cell::new(0),
    base: Cell::new(0),
    next: Cell::new(0),
    end: Cell::new(0),
    last: Cell::new(0),
    active: Cell::new(false),
};

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
use core::cell::Cell;

/// Chunk `i` holds `FIRST_CHUNK << i` bytes: 20 chunks reach past the 4 GiB of wasm32 memory.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
const CHUNKS: usize = 20;
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
const FIRST_CHUNK: usize = 64 << 10;
/// Before each arena allocation: where the allocation before it starts (0: the first in its chunk),
/// then 1 once it is freed.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
const HEADER: usize = 8;

/// Per-call memory, the way bumpalo works: while a call runs ([`in_call`]), allocations are bumped
/// from chunks of doubling size, and the next call rewinds it all, keeping the first chunk and
/// giving the others back to talc. Freeing is a stack's: the last allocation is given back (so a
/// growing `Vec` or `String` grows in place), and with it every freed one below it, down to the
/// first still in use; any other is only marked freed, in its header (the allocation before it,
/// and the mark: [`HEADER`] bytes). So a temporary tree built, printed and dropped (a `flow`
/// message prints thousands) leaves nothing behind. Memory from outside a call (the input buffer,
/// the tape, prepared options) stays talc's: its pointers are outside the chunks, and so are its
/// reallocations.
///
/// Each field is a `Cell` of its own, so that the fast path (a bump in the current chunk) reads and
/// writes a few words, not the whole state.
///
/// NOTE: not bumpalo itself. Its chunks come from the global allocator, which here is the arena
/// itself; this takes them from talc directly and needs no reentrancy flags.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
struct Arena {
    talc: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator>,
    /// `(start, end)` of each chunk taken from talc, in order; `(0, 0)` past the last.
    chunks: [Cell<(usize, usize)>; CHUNKS],
    /// How many chunks are in use this call.
    used: Cell<usize>,
    /// The current chunk (`used - 1`): where it starts, where the next allocation goes, its end
    /// (all 0 before the first chunk).
    base: Cell<usize>,
    next: Cell<usize>,
    end: Cell<usize>,
    /// Where the last allocation in the current chunk starts (0: none): it alone can grow, and
    /// giving it back gives back the freed ones below it.
    last: Cell<usize>,
    active: Cell<bool>,
}

// SAFETY: wasm32 without atomics has one thread.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl Sync for Arena {}

/// The header of the arena allocation at `p`.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
fn header(p: usize) -> *mut [usize; 2] {
    (p - HEADER) as *mut [usize; 2]
}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
fn chunk_layout(i: usize) -> core::alloc::Layout {
    // SAFETY: a power-of-two alignment and a size far below isize::MAX.
    unsafe { core::alloc::Layout::from_size_align_unchecked(FIRST_CHUNK << i, 16) }
}

/// Natively there is no arena (src/wasm.rs's calls have one on wasm32).
#[cfg(not(all(target_arch = "wasm32", not(target_feature = "atomics"))))]
pub fn persistent<T>(f: impl FnOnce() -> T) -> T {
    f()
}

/// Runs `f` with its allocations in the per-call arena: nothing `f` allocates may outlive it.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub fn in_call<T>(f: impl FnOnce() -> T) -> T {
    use core::alloc::GlobalAlloc;
    let a = &ALLOCATOR;
    // Rewind: keep the first chunk, give the rest back.
    for i in 1..CHUNKS {
        let Some(chunk) = a.chunks.get(i) else { break };
        let (start, _) = chunk.get();
        if start != 0 {
            // SAFETY: allocated by talc with this layout.
            unsafe { a.talc.dealloc(start as *mut u8, chunk_layout(i)) };
            chunk.set((0, 0));
        }
    }
    let (start, end) = a.chunks[0].get();
    a.used.set(usize::from(start != 0));
    a.base.set(start);
    a.next.set(start);
    a.end.set(end);
    a.last.set(0);
    a.active.set(true);
    let out = f();
    a.active.set(false);
    out
}

/// Runs `f` with its allocations outside the per-call arena: for what outlives the call, such as
/// a table a `OnceLock` builds on first use.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub fn persistent<T>(f: impl FnOnce() -> T) -> T {
    let a = &ALLOCATOR;
    let was = a.active.replace(false);
    let out = f();
    a.active.set(was);
    out
}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
impl Arena {
    fn owns(&self, p: usize) -> bool {
        (self.base.get()..self.end.get()).contains(&p)
            || self
                .chunks
                .iter()
                .any(|c| (c.get().0..c.get().1).contains(&p))
    }

    /// Bumps `layout` from the chunks, taking a new one from talc when it does not fit.
    unsafe fn bump(&self, layout: core::alloc::Layout) -> *mut u8 {
        use core::alloc::GlobalAlloc;
        loop {
            let at = (self.next.get() + HEADER + layout.align() - 1) & !(layout.align() - 1);
            let end = self.end.get();
            if at <= end && layout.size() <= end - at && end != 0 {
                header(at).write_unaligned([self.last.get(), 0]);
                self.last.set(at);
                self.next.set(at + layout.size());
                return at as *mut u8;
            }
            // A next chunk, big enough: each doubles the last.
            let mut i = self.used.get();
            while i < CHUNKS && FIRST_CHUNK << i < layout.size() + layout.align() + HEADER {
                i += 1;
            }
            if i >= CHUNKS {
                return core::ptr::null_mut();
            }
            let p = self.talc.alloc(chunk_layout(i)) as usize;
            if p == 0 {
                return core::ptr::null_mut();
            }
            // Chunks skipped for size stay empty; `used` counts up to the new one.
            let end = p + (FIRST_CHUNK << i);
            if let Some(c) = self.chunks.get(i) {
                c.set((p, end));
            }
            self.used.set(i + 1);
            self.base.set(p);
            self.next.set(p);
            self.end.set(end);
            self.last.set(0);
        }
    }
}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl core::alloc::GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: core::alloc::Layout) -> *mut u8 {
        if !self.active.get() {
            return self.talc.alloc(layout);
        }
        self.bump(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: core::alloc::Layout) {
        let mut p = ptr as usize;
        if !self.owns(p) {
            self.talc.dealloc(ptr, layout);
        } else if self.active.get() && p == self.last.get() {
            // Give it back, and the freed ones below it.
            loop {
                self.next.set(p - HEADER);
                p = header(p).read_unaligned()[0];
                if p == 0 || header(p).read_unaligned()[1] == 0 {
                    break;
                }
            }
            self.last.set(p);
        } else if self.active.get() {
            let [before, _] = header(p).read_unaligned();
            header(p).write_unaligned([before, 1]);
        }
    }

    unsafe fn realloc(
        &self,
        ptr: *mut u8,
        layout: core::alloc::Layout,
        new_size: usize,
    ) -> *mut u8 {
        let p = ptr as usize;
        let active = self.active.get();
        if active && p == self.last.get() && new_size <= self.end.get() - p {
            self.next.set(p + new_size);
            return ptr;
        }
        if !self.owns(p) {
            return self.talc.realloc(ptr, layout, new_size);
        }
        let new_layout = core::alloc::Layout::from_size_align_unchecked(new_size, layout.align());
        let new = if active {
            self.bump(new_layout)
        } else {
            self.talc.alloc(new_layout)
        };
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}

/// Sorts `0..n` by `less`, stably: one small merge sort behind a `dyn` comparator, so that every
/// caller shares one copy of the code (core's sorts are generic and large in Wasm).
pub fn sorted_indices(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut buffer = order.clone();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in buffer.iter_mut().take(end).skip(start) {
                let take_right = j < end && (i >= mid || less(order[j], order[i]));
                *slot = if take_right { order[j] } else { order[i] };
                if take_right {
                    j += 1;
                } else {
                    i += 1;
                }
            }
            start = end;
        }
        core::mem::swap(&mut order, &mut buffer);
        width *= 2;
    }
    order
}

/// A value built on first use, for the module's one thread (`std::sync::OnceLock` natively).
#[cfg(not(target_arch = "wasm32"))]
pub use std::sync::OnceLock as Lazy;

#[cfg(target_arch = "wasm32")]
pub struct Lazy<T>(core::cell::OnceCell<T>);

// SAFETY: wasm32 without atomics has one thread.
#[cfg(target_arch = "wasm32")]
unsafe impl<T> Sync for Lazy<T> {}

#[cfg(target_arch = "wasm32")]
impl<T> Lazy<T> {
    pub const fn new() -> Self {
        Lazy(core::cell::OnceCell::new())
    }
    pub fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_indices_is_a_stable_sort() {
        let keys = [5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
        let order = sorted_indices(keys.len(), &|a, b| keys[a] < keys[b]);
        assert_eq!(order, [1, 3, 6, 9, 2, 0, 4, 8, 10, 7, 5]);
        assert!(sorted_indices(0, &|_, _| false).is_empty());
        let big: Vec<u32> = (0..1000).map(|i| (i * 7919) % 1000).collect();
        let order = sorted_indices(big.len(), &|a, b| big[a] < big[b]);
        assert!(order.windows(2).all(|w| big[w[0]] <= big[w[1]]));
    }
}
