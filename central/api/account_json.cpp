#include "central/api/account_json.h"

#include "central/api/json_members.h"
#include "central/api/json_out.h"
#include "central/keys/api_key.h"

namespace costgate::central {

void AppendAccountJson(std::string& out, const Account& account) {
  out += '{';
  JsonMember(out, "username", account.username);
  JsonMember(out, "role", RoleName(account.role));
  JsonMember(out, "created_unix_ms", account.created_unix_ms);
  JsonMember(out, "updated_unix_ms", account.updated_unix_ms);
  out += '}';
}

std::string AccountJson(const Account& account) {
  std::string out;
  AppendAccountJson(out, account);
  return out;
}

void AppendKeyJson(std::string& out, const ApiKeyRecord& key) {
  out += '{';
  JsonMember(out, "id", key.id);
  JsonMember(out, "name", key.name);
  JsonMember(out, "source_app", key.source_app);
  JsonMember(out, "prefix", key.prefix);
  JsonMemberName(out, "scopes");
  out += '[';
  bool first = true;
  for (const Scope scope :
       {Scope::kPreflight, Scope::kRecord, Scope::kUpsert, Scope::kShip, Scope::kAdmin}) {
    if (HasScope(key.scopes, scope)) {
      out += first ? "" : ",";
      first = false;
      AppendJsonString(out, ScopeName(scope));
    }
  }
  out += ']';
  JsonMember(out, "workspace", key.workspace);
  JsonMember(out, "created_unix_ms", key.created_unix_ms);
  JsonMember(out, "last_used_unix_ms", key.last_used_unix_ms);
  JsonMember(out, "revoked_unix_ms", key.revoked_unix_ms);
  out += '}';
}

std::string KeyJson(const ApiKeyRecord& key) {
  std::string out;
  AppendKeyJson(out, key);
  return out;
}

}  // namespace costgate::central
