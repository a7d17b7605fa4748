// A growable byte buffer with a read cursor: bytes are appended at the end by socket reads and
// consumed from the front by the parser. Consumed space is reclaimed by compaction, so a
// keep-alive connection reuses one allocation for all its requests.
#pragma once

#include <cstring>
#include <string_view>
#include <vector>

namespace costgate::daemon::http {

class ByteBuffer {
 public:
  explicit ByteBuffer(size_t initial_capacity) : data_(initial_capacity) {}

  std::string_view Readable() const noexcept { return {data_.data() + begin_, end_ - begin_}; }
  bool empty() const noexcept { return begin_ == end_; }
  size_t size() const noexcept { return end_ - begin_; }
  void Consume(size_t n) noexcept {
    begin_ += n;
    if (begin_ == end_) {
      begin_ = end_ = 0;
    }
  }

  // Room for at least `min_free` more bytes at the end.
  std::pair<char*, size_t> PrepareWrite(size_t min_free) {
    if (data_.size() - end_ < min_free) {
      if (begin_ > 0) {
        std::memmove(data_.data(), data_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
      }
      if (data_.size() - end_ < min_free) {
        data_.resize(end_ + min_free);
      }
    }
    return {data_.data() + end_, data_.size() - end_};
  }
  void Commit(size_t n) noexcept { end_ += n; }

 private:
  std::vector<char> data_;
  size_t begin_ = 0;
  size_t end_ = 0;
};

}  // namespace costgate::daemon::http
