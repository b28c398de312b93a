// InlineVector<T, N>: an append-only sequence of trivially copyable values
// (handles, places) whose first N live inside the object itself. The
// engine keeps two in each entity record: its timer handles (TimerHandles,
// six inline) and the places of its history's records (EventHistory,
// twelve inline).
//
// Why not std::vector: both are read or appended to on every event of the
// entity, right after its record is loaded. In a vector they are a
// separate allocation, so at a million live entities reaching them is one
// more cache miss after the record's (measured: the append to a history's
// vector of places was 12% of BM_IngestOrders' samples, bench/README.md,
// run N), and every entity pays a malloc or several for them. Sized so
// that nearly every order stays inline: the reference policy starts up to
// nine timers an order, most far fewer, and an order has about a dozen
// events. More move to one heap block that doubles. Not
// boost::container::small_vector: with the same room inline it is 16
// bytes larger (a pointer, size and capacity beside the storage); here the
// heap pointer shares the inline storage.
//
// A move empties the source. Thread safety: as a vector.
#ifndef KEFU_SRC_ENGINE_INLINE_VECTOR_H_
#define KEFU_SRC_ENGINE_INLINE_VECTOR_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace kefu::engine {

template <typename T, std::uint32_t N>
class InlineVector {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  static constexpr std::uint32_t kInline = N;

  InlineVector() = default;
  InlineVector(const InlineVector&) = delete;
  InlineVector& operator=(const InlineVector&) = delete;
  InlineVector(InlineVector&& other) noexcept { take(other); }
  InlineVector& operator=(InlineVector&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~InlineVector() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T* data() const { return on_heap() ? heap_ : inline_; }
  T* data() { return on_heap() ? heap_ : inline_; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size_; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  T& operator[](std::size_t i) { return data()[i]; }

  void push_back(T value) {
    if (size_ == capacity_) reserve(std::size_t{capacity_} * 2);
    data()[size_++] = value;
  }

  // Room for `n` values without growing.
  void reserve(std::size_t n) {
    if (n <= capacity_) return;
    T* grown = new T[n];
    std::copy(begin(), end(), grown);
    const std::uint32_t size = size_;
    release();
    heap_ = grown;
    capacity_ = static_cast<std::uint32_t>(n);
    size_ = size;
  }

  // Empty, back to the inline room.
  void clear() {
    release();
    size_ = 0;
  }

 private:
  bool on_heap() const { return capacity_ > N; }

  void release() {
    if (on_heap()) delete[] heap_;
    capacity_ = N;
  }
  // From an emptied (released) this: other's values, leaving it empty.
  void take(InlineVector& other) {
    size_ = std::exchange(other.size_, 0);
    if (other.on_heap()) {
      heap_ = other.heap_;
      capacity_ = std::exchange(other.capacity_, N);
    } else {
      std::copy(other.inline_, other.inline_ + size_, inline_);
    }
  }

  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = N;
  union {
    T inline_[N];
    T* heap_;
  };
};

// An entity's timer handles, in start order.
using TimerHandles = InlineVector<std::uint32_t, 6>;

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_INLINE_VECTOR_H_
