Component({
  properties: { members: { type: Array, value: [] } },
})
