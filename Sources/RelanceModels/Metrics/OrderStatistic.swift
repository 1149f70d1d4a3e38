/// The value at a given rank of a list, without sorting the list.
///
/// Why: robust covariance keeps the smallest distances and the risk tiers need two percentiles of
/// the day's priorities; a selection is linear where a sort is not, and gives the same value.
public enum OrderStatistic {
    /// The k-th smallest value (0-based) of `a`, reordering it (Hoare partition, median of three).
    /// `a` must hold no NaN and `k` must be a valid index.
    public static func select(kth k: Int, in a: UnsafeMutableBufferPointer<Double>) -> Double {
        var lo = 0, hi = a.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
        }
        return a[k]
    }
}
