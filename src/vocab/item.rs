//! The one view of a stored item every layer takes: the SDK's attribute name to value (the AWS
//! calls in `aws`, the events core, scans, exports, checks, commands).

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;

/// A stored item, or its key, as the SDK gives it: attribute name to value.
pub type Item = HashMap<String, AttributeValue>;
