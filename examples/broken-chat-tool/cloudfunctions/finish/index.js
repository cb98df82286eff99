const cloud = require('wx-server-sdk')

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

// Copied from the older updatable-message API: a string version_type.
exports.main = async (event) => {
  return cloud.openapi.chattoolmsg.send({
    activity_id: event.activityId,
    target_state: 1,
    version_type: 'develop',
    template_id: '4A68CBB88A92B0A9311848DBA1E94A199B166463',
  })
}
