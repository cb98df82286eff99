// The server side of the sign-up sheet's dynamic message: create the activity id the page shares
// the card with, then update the card as members sign up and when the sheet closes.
const cloud = require('wx-server-sdk')

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

// The card is shared with this template ("X人已参与"), in pages/create/index.js.
const TEMPLATE_ID = '2A84254B945674A2F88CE4970782C402795EB607'

exports.main = async (event) => {
  const { action, activityId, groupOpenIds = [] } = event
  if (action === 'create') {
    // Expires after 24 hours by default.
    const { activityId: id } = await cloud.openapi.updatableMessage.createActivityId({})
    return { activityId: id }
  }
  if (action === 'signUp') {
    return cloud.openapi.chattoolmsg.send({
      activity_id: activityId,
      target_state: 1,
      template_id: '2A84254B945674A2F88CE4970782C402795EB607',
      version_type: 0,
      participator_info_list: [{ group_openid: groupOpenIds[0], state: 1 }],
    })
  }
  // Closed: no participator list needed.
  return cloud.openapi.chattoolmsg.send({
    activity_id: activityId,
    target_state: 3,
    template_id: TEMPLATE_ID,
    version_type: 0,
  })
}
