//! Keeps user tokens out of every answer to the browser.

use serde_json::Value;

/// Sets `application.issued_user_token` to null and replaces any string equal to one of `tokens`,
/// anywhere in the body, with null.
pub fn scrub_tokens(body: &mut Value, tokens: &[&str]) {
    if let Some(issued) = body
        .get_mut("application")
        .and_then(|a| a.get_mut("issued_user_token"))
    {
        *issued = Value::Null;
    }
    scrub_values(body, tokens);
}

fn scrub_values(value: &mut Value, tokens: &[&str]) {
    match value {
        Value::String(s) if tokens.iter().any(|t| !t.is_empty() && t == s) => *value = Value::Null,
        Value::Array(items) => items.iter_mut().for_each(|v| scrub_values(v, tokens)),
        Value::Object(map) => map.values_mut().for_each(|v| scrub_values(v, tokens)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn removes_the_issued_token_and_any_copy() {
        let mut body = json!({
            "application": {"issued_user_token": "t-1", "name": "x"},
            "elsewhere": [{"deep": "t-2"}, "keep"],
        });
        scrub_tokens(&mut body, &["t-2"]);
        assert_eq!(
            body,
            json!({
                "application": {"issued_user_token": null, "name": "x"},
                "elsewhere": [{"deep": null}, "keep"],
            })
        );
    }
}
