//! What differs by platform: float text in and out, the allocator, and one shared sort.
//!
//! Float text is the one place the crate leans on its host. Natively, Rust's `str::parse` and
//! shortest formatting; on wasm32, JavaScript's `Number` and `String`, which are correctly rounded
//! and shortest-with-ties-to-even too, so the module need not carry Rust's float tables and bignum
//! formatting (about 23 KB of the brotli'd `.wasm`). tests/js check the wasm32 path against
//! Python's answers, src/value.rs's tests the native one.

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
    // String(x) is "123.45", "0.00015", "1e+21" or "1.5e-7"; never signed for |f|.
    let mut buf = [0u8; 32];
    // SAFETY: a pure import that writes at most 32 bytes of ASCII.
    let len = unsafe { crate::wasm::number_text(f.abs(), buf.as_mut_ptr()) };
    let text = std::str::from_utf8(buf.get(..len).unwrap_or_default()).unwrap_or("0");
    let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (int_part, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = int_part.chars().chain(frac.chars()).collect();
    let leading = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_matches('0');
    if digits.is_empty() {
        return ("0".into(), 0);
    }
    (
        digits.into(),
        exp + int_part.len() as i32 - 1 - leading as i32,
    )
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
    talc: talc::cell::TalcSyncCell::new_wasm(GrowByHalves { end: None }),
    region: core::cell::Cell::new(Region {
        start: 0,
        end: 0,
        next: 0,
        last: 0,
        active: false,
        spilled: false,
    }),
};

/// Per-call memory: while a call runs ([`in_call`]), allocations are bumped from one region that
/// the next call rewinds, and freeing one is a no-op (the last one is given back, so a growing
/// `Vec` or `String` grows in place); a call's values are never freed one by one. What does not fit
/// goes to talc as usual, and the region doubles for the next call (up to 1 MiB). Memory from
/// before the call (the input buffer, the tape, prepared options) stays talc's: its pointers are
/// outside the region, and so are its reallocations.
///
/// NOTE: not bumpalo. Its chunks come from the global allocator, which here would be the arena
/// itself; a region of our own is 60 lines and needs no reentrancy flags.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
struct Arena {
    talc: talc::cell::TalcSyncCell<GrowByHalves, talc::wasm::WasmBinning>,
    region: core::cell::Cell<Region>,
}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[derive(Clone, Copy)]
struct Region {
    start: usize,
    end: usize,
    next: usize,
    /// Where the last allocation starts: it alone can grow or be given back.
    last: usize,
    active: bool,
    /// Something did not fit during this call.
    spilled: bool,
}

// SAFETY: wasm32 without atomics has one thread.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl Sync for Arena {}

/// Runs `f` with its allocations in the per-call arena, which it rewinds afterwards: nothing `f`
/// allocates may outlive it.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
pub fn in_call<T>(f: impl FnOnce() -> T) -> T {
    use core::alloc::{GlobalAlloc, Layout};
    let a = &ALLOCATOR;
    let mut r = a.region.get();
    if r.spilled || r.start == 0 {
        let size = if r.start == 0 {
            64 << 10
        } else {
            ((r.end - r.start) * 2).min(1 << 20)
        };
        if r.start != 0 {
            // SAFETY: the region was allocated by talc with this layout.
            unsafe {
                a.talc.dealloc(
                    r.start as *mut u8,
                    Layout::from_size_align_unchecked(r.end - r.start, 16),
                )
            };
        }
        // SAFETY: a valid layout; a null result leaves the arena empty (everything goes to talc).
        let p = unsafe { a.talc.alloc(Layout::from_size_align_unchecked(size, 16)) } as usize;
        r = Region {
            start: p,
            end: if p == 0 { 0 } else { p + size },
            next: p,
            last: p,
            active: false,
            spilled: false,
        };
    }
    r.next = r.start;
    r.last = r.start;
    r.active = r.start != 0;
    a.region.set(r);
    let out = f();
    let mut r = a.region.get();
    r.active = false;
    a.region.set(r);
    out
}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl core::alloc::GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: core::alloc::Layout) -> *mut u8 {
        let mut r = self.region.get();
        if r.active {
            let at = (r.next + layout.align() - 1) & !(layout.align() - 1);
            if at + layout.size() <= r.end {
                r.last = at;
                r.next = at + layout.size();
                self.region.set(r);
                return at as *mut u8;
            }
            r.spilled = true;
            self.region.set(r);
        }
        self.talc.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: core::alloc::Layout) {
        let mut r = self.region.get();
        let p = ptr as usize;
        if (r.start..r.end).contains(&p) {
            if r.active && p == r.last {
                r.next = p;
                self.region.set(r);
            }
        } else {
            self.talc.dealloc(ptr, layout);
        }
    }

    unsafe fn realloc(
        &self,
        ptr: *mut u8,
        layout: core::alloc::Layout,
        new_size: usize,
    ) -> *mut u8 {
        let mut r = self.region.get();
        let p = ptr as usize;
        if !(r.start..r.end).contains(&p) {
            return self.talc.realloc(ptr, layout, new_size);
        }
        if r.active && p == r.last && p + new_size <= r.end {
            r.next = p + new_size;
            self.region.set(r);
            return ptr;
        }
        let new = self.alloc(core::alloc::Layout::from_size_align_unchecked(
            new_size,
            layout.align(),
        ));
        if !new.is_null() {
            core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
        }
        new
    }
}

/// talc's `WasmGrowAndExtend`, except that memory grows by at least half its size at a time.
///
/// Growing by only the pages each allocation needs took thousands of `memory.grow`s for a body of
/// many small values (6 MB of nested lists); V8 counts each as external memory and, past a
/// threshold, runs a full GC of the caller's whole heap. With a large JS heap alive, one such body
/// took minutes instead of a second (tests/js/hostile.test.mjs, "a large caller heap"). Wasm memory
/// never shrinks either way; this leaves at most a third of it unused.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[derive(Debug)]
struct GrowByHalves {
    end: Option<core::ptr::NonNull<u8>>,
}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl talc::source::Source for GrowByHalves {
    fn acquire<B: talc::base::binning::Binning>(
        talc: &mut talc::base::Talc<Self, B>,
        layout: core::alloc::Layout,
    ) -> Result<(), ()> {
        use core::arch::wasm32::{memory_grow, memory_size};
        const PAGE: usize = 64 * 1024;
        // The allocation with room for talc's chunk header; talc asks again if that falls short.
        let needed = (layout.size() + layout.align() + 256).div_ceil(PAGE);
        let wanted = needed.max(memory_size(0) / 2);
        // Where memory cannot grow by half, it may still grow by what is needed.
        let (pages, prev) = match memory_grow(0, wanted) {
            usize::MAX => (needed, memory_grow(0, needed)),
            prev => (wanted, prev),
        };
        if prev == usize::MAX {
            return Err(());
        }
        let base = (prev * PAGE) as *mut u8;
        let end = base.wrapping_add(pages * PAGE);
        if let Some(old_end) = talc.source.end.take() {
            if old_end.as_ptr() == base {
                // SAFETY: the pages just grown start where the heap ends (talc's WasmGrowAndExtend).
                talc.source.end = Some(unsafe { talc.extend(old_end, end) });
                return Ok(());
            }
        }
        // SAFETY: the pages were just grown: nothing else uses them.
        talc.source.end = unsafe { talc.claim(base, pages * PAGE) };
        Ok(())
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
        std::mem::swap(&mut order, &mut buffer);
        width *= 2;
    }
    order
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
