// The one include for Boost.Asio in costgate (precompiled: see daemon/CMakeLists.txt).
// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#pragma once

// clang-format off: <utility> must come first.
#include <utility>
// clang-format on

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace costgate::daemon {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;
using boost::system::error_code;
template <typename T = void>
using Awaitable = boost::asio::awaitable<T>;

// Completion token for coroutines on the data path: errors come back in `ec`, never as throws.
inline auto Await(error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

}  // namespace costgate::daemon
