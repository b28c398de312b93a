// TimerHandles: an entity's timer handles, in start order, the first
// kInline of them inside the entity record itself.
//
// Why not std::vector: the handles are read on every event of the entity,
// right after its record, to load the timers. In a vector they are a
// separate allocation, so at a million live entities reading them is one
// more cache miss between the record's and the timers', each waiting for
// the one before; and every order pays a malloc for them. An order under
// the reference policy starts up to nine timers, most of them far fewer,
// so six inline (the record grows by 8 bytes, to 320) keep nearly every
// entity off the heap; more move to one heap block that doubles. Not
// boost::container::small_vector: with the same six inline it is 48 bytes
// (a pointer, size and capacity beside the storage); here the heap pointer
// shares the inline storage, 32 bytes.
//
// Only appended to; a move empties the source. Thread safety: as a vector.
#ifndef KEFU_SRC_ENGINE_TIMER_HANDLES_H_
#define KEFU_SRC_ENGINE_TIMER_HANDLES_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace kefu::engine {

class TimerHandles {
 public:
  static constexpr std::uint32_t kInline = 6;

  TimerHandles() = default;
  TimerHandles(const TimerHandles&) = delete;
  TimerHandles& operator=(const TimerHandles&) = delete;
  TimerHandles(TimerHandles&& other) noexcept { take(other); }
  TimerHandles& operator=(TimerHandles&& other) noexcept {
    if (this != &other) {
      release();
      take(other);
    }
    return *this;
  }
  ~TimerHandles() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const std::uint32_t* data() const { return on_heap() ? heap_ : inline_; }
  const std::uint32_t* begin() const { return data(); }
  const std::uint32_t* end() const { return data() + size_; }
  std::uint32_t operator[](std::size_t i) const { return data()[i]; }

  void push_back(std::uint32_t handle) {
    if (size_ == capacity_) reserve(std::size_t{capacity_} * 2);
    (on_heap() ? heap_ : inline_)[size_++] = handle;
  }

  // Room for `n` handles without growing.
  void reserve(std::size_t n) {
    if (n <= capacity_) return;
    auto* grown = new std::uint32_t[n];
    std::copy(begin(), end(), grown);
    release();
    heap_ = grown;
    capacity_ = static_cast<std::uint32_t>(n);
  }

 private:
  bool on_heap() const { return capacity_ > kInline; }

  void release() {
    if (on_heap()) delete[] heap_;
    capacity_ = kInline;
  }
  // From an emptied (released) this: other's handles, leaving it empty.
  void take(TimerHandles& other) {
    size_ = std::exchange(other.size_, 0);
    if (other.on_heap()) {
      heap_ = other.heap_;
      capacity_ = std::exchange(other.capacity_, kInline);
    } else {
      std::copy(other.inline_, other.inline_ + size_, inline_);
    }
  }

  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = kInline;
  union {
    std::uint32_t inline_[kInline];
    std::uint32_t* heap_;
  };
};

}  // namespace kefu::engine

#endif  // KEFU_SRC_ENGINE_TIMER_HANDLES_H_
